using System.Runtime.InteropServices;
using Lantern.Grains.Rollups;

namespace Lantern.Silo.Rollups;

/// <summary>Every rollup row of one user or session in <see cref="RollupRowCache"/>, and when it was last used.</summary>
internal sealed class RollupCacheEntry(RollupScopeKey key, int slot)
{
    // Far more than commits that can run at once (TraceWriteOptions.MaxConcurrentCommits) would leave waiting.
    private const int MaxWaiting = 64;

    public RollupScopeKey Key { get; } = key;

    // A few rows each (one per hour and model): a list searched from its newest end, where changes land, is smaller
    // than a dictionary and no slower.
    public List<CachedRollupRow> Rows { get; } = new(1);

    /// <summary>
    /// Changes that arrived before one they follow (commits running side by side finish in any order), applied when it
    /// comes. While any wait, the rows are not read from here.
    /// </summary>
    public List<RollupChange>? Waiting { get; private set; }

    /// <summary>This entry's place in the cache's list of entries, from which eviction samples.</summary>
    public int Slot { get; set; } = slot;

    public long LastUsed { get; set; }

    /// <summary>Adds a row as read from PostgreSQL.</summary>
    public void Add(RollupChange row, Func<string, string> sharedModel) =>
        Rows.Add(new CachedRollupRow(OwnKey(row.Key, sharedModel), row.Delta.Clone(), row.Version));

    /// <summary>Applies a committed change, or keeps it until the one before it comes; false when the entry cannot be kept.</summary>
    public bool Apply(RollupChange change, Func<string, string> sharedModel)
    {
        if (!TryApply(change, sharedModel))
        {
            (Waiting ??= []).Add(change);
            return Waiting.Count <= MaxWaiting;
        }

        // Each change applied may be the one others wait for.
        while (Waiting is { Count: > 0 } waiting && waiting.FindIndex(w => TryApply(w, sharedModel)) is var applied and >= 0)
        {
            waiting.RemoveAt(applied);
        }

        if (Waiting is { Count: 0 })
        {
            Waiting = null;
        }

        return true;
    }

    // False when the change follows one that has not arrived yet.
    private bool TryApply(RollupChange change, Func<string, string> sharedModel)
    {
        var rows = CollectionsMarshal.AsSpan(Rows);
        for (var i = rows.Length - 1; i >= 0; i--)
        {
            ref var row = ref rows[i];
            if (row.Key.Equals(change.Key))
            {
                if (change.Version > row.Version + 1)
                {
                    return false;
                }

                if (change.Version == row.Version + 1)
                {
                    row.Values.Add(change.Delta);
                    row.Version = change.Version;
                }

                return true;
            }
        }

        if (change.Version != 1)
        {
            return false;
        }

        Rows.Add(new CachedRollupRow(OwnKey(change.Key, sharedModel), change.Delta.Clone(), 1));
        return true;
    }

    // The entry's own strings and one per model: a row's key was read from PostgreSQL for one commit or read alone.
    private RollupKey OwnKey(RollupKey row, Func<string, string> sharedModel) =>
        row with { ProjectId = Key.ProjectId, Key = Key.Key, Model = sharedModel(row.Model) };
}
