using Lantern.Grains.Rollups;

namespace Lantern.Silo.Rollups;

/// <summary>
/// A group commit as <see cref="RollupRowCache"/> follows it: the rows it changes, counted as running from
/// <see cref="RollupRowCache.Committing"/> until it is applied or abandoned, whichever comes first.
/// </summary>
public sealed class RollupCommit(IReadOnlyList<RollupKey> rows)
{
    public IReadOnlyList<RollupKey> Rows { get; } = rows;

    /// <summary>No longer counted as running.</summary>
    public bool Finished { get; set; }
}
