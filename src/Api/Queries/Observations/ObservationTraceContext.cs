namespace Lantern.Api.Queries.Observations;

/// <summary>What a v2 observation carries from its trace: user, session, flags, tags, release and name.</summary>
public sealed record ObservationTraceContext(
    string? UserId, string? SessionId, bool Bookmarked, bool Public, IReadOnlyList<string> Tags, string? Release, string? Name);
