namespace Lantern.Silo.Rollups;

/// <summary>
/// A grain's read of a key's rows from PostgreSQL that <see cref="RollupRowCache"/> may keep: spoiled when a commit of
/// the key ran during it (its rows may or may not be in what the read saw) or the key's rows were deleted.
/// </summary>
public sealed class RollupLoad(RollupScopeKey key)
{
    public RollupScopeKey Key { get; } = key;

    public bool Spoiled { get; set; }
}
