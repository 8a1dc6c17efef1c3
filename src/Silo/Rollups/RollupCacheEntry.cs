using Lantern.Grains.Rollups;

namespace Lantern.Silo.Rollups;

/// <summary>Every rollup row of one user or session in <see cref="RollupRowCache"/>, and when it was last used.</summary>
internal sealed class RollupCacheEntry(RollupScopeKey key, int slot)
{
    public RollupScopeKey Key { get; } = key;

    // A few rows each (one per hour and model): a list searched from its newest end, where changes land, is smaller
    // than a dictionary and no slower.
    public List<CachedRollupRow> Rows { get; } = new(1);

    /// <summary>
    /// Changes that arrived before one they follow (commits running side by side finish in any order), applied when it
    /// comes. While any wait, the rows are not read from here.
    /// </summary>
    public List<RollupChange>? Waiting { get; set; }

    /// <summary>This entry's place in the cache's list of entries, from which eviction samples.</summary>
    public int Slot { get; set; } = slot;

    public long LastUsed { get; set; }
}
