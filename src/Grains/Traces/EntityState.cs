namespace Lantern.Grains.Traces;

/// <summary>The stored form of an entity's merge state (see <see cref="EntityCodec"/>); stamps packed as strings to stay small.</summary>
internal sealed record EntityState(
    Dictionary<string, string> Values,
    Dictionary<string, string> Stamps,
    Dictionary<string, string> MetadataStamps,
    long FirstEventTicks,
    string? ObservationType,
    int ObservationTypeRank,
    ObservationCost? Cost);
