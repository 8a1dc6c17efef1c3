using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;
using Lantern.Grains.Rollups;

namespace Lantern.Silo.Rollups;

/// <summary>
/// A single node's users' and sessions' rollup rows, held in memory from their first row or their first read, so a read
/// of a user or session whose grain is not active is answered without PostgreSQL (a cold grain's read was a round trip on a box whose
/// CPUs the load keeps busy: docs/benchmarks.md, round 20).
/// </summary>
/// <remarks>
/// <para>An entry is complete by construction: it starts empty, before the statements of the commit that writes the key's
/// first row run, when the complete <see cref="RollupKeyFilter"/> says the key has no rows; every change committed since
/// is applied to it by its version (one more than the row's; an older one is skipped). Commits running side by side
/// finish in any order: a change that comes before the one it follows waits in the entry, which is not read until it is
/// applied. A commit whose outcome is unknown drops its keys' entries; so do erasure and the purge of zero rows (through
/// <see cref="Forget"/>), which delete rows outside commits (a key's rows written again start at version 1). Keys stored
/// before the node started, and dropped ones, are read from PostgreSQL by their grains, and the rows read become the key's
/// entry when no commit of the key ran during the read (<see cref="LoadStarting"/>, <see cref="Loaded"/>). Only a single node keeps it: in a cluster a key's rows are written by
/// whichever silo owns each trace.</para>
/// <para>Bounded by rows, not keys, since a user active for months has a row per hour and model: at most
/// <see cref="RollupCacheOptions.MaxRows"/>, each entry counting one more. Past the bound the least recently used of a
/// few entries sampled at random is evicted, which costs the same at any size.</para>
/// </remarks>
public sealed class RollupRowCache
{
    private const int EvictionSample = 5;

    private const int MaxModels = 4_096;
    private readonly Lock _lock = new();
    private readonly Dictionary<RollupScopeKey, RollupCacheEntry> _entries = [];
    private readonly List<RollupCacheEntry> _slots = [];
    private readonly RollupKeyFilter _filter;
    private readonly Dictionary<string, string> _models = new(StringComparer.Ordinal);
    private readonly Func<string, string> _sharedModel;

    // Per key, the rows of commits that started and have not been applied or abandoned, and the grains' reads running.
    private readonly Dictionary<RollupScopeKey, int> _committing = [];
    private readonly Dictionary<RollupScopeKey, RollupLoad> _loads = [];
    private readonly int _maxRows;
    private readonly Counter<long> _reads;
    private long _clock;

    // Rows held plus one per entry, against the bound.
    private long _size;

    public RollupRowCache(RollupKeyFilter filter, RollupCacheOptions options, IMeterFactory meters)
    {
        _filter = filter;
        _maxRows = options.MaxRows;
        _sharedModel = SharedModel;
        var meter = meters.Create(SiloMeter.Name);
        _reads = meter.CreateCounter<long>("lantern_rollup_cache_reads_total",
            description: "Reads of a user's or session's rollup rows by a grain that was not active, by outcome: hit (held in memory), none (no rows, by the key filter) or miss (read from PostgreSQL).");
        meter.CreateObservableGauge("lantern_rollup_cache_keys", () => Count, description: "Users and sessions whose rollup rows are held in memory.");
    }

    public bool IsEnabled => _maxRows > 0;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Before a commit's statements run, with the rows it changes: its keys go into the filter and count as being committed
    /// until the commit is applied or abandoned (a grain's read of them meanwhile is not kept), and a key that had no rows
    /// gets an empty entry, which this commit's changes and every later one fill.
    /// </summary>
    public RollupCommit Committing(IReadOnlyList<RollupKey> rows)
    {
        var commit = new RollupCommit(rows);
        if (!IsEnabled)
        {
            return commit;
        }

        lock (_lock)
        {
            // Read before adding: a filter completed after this commit's keys went in may hold them only from the load.
            var complete = _filter.IsComplete;
            foreach (var row in rows)
            {
                var key = RollupScopeKey.Of(row);
                if (!RollupScopeKey.IsCached(key.Scope))
                {
                    continue;
                }

                CollectionsMarshal.GetValueRefOrAddDefault(_committing, key, out _)++;
                if (_loads.TryGetValue(key, out var load))
                {
                    load.Spoiled = true;
                }

                if (_filter.Add(key) && complete && !_entries.ContainsKey(key))
                {
                    _ = Insert(key);
                }
            }

            Trim();
        }

        return commit;
    }

    /// <summary>After a commit: its changes, each applied to its key's entry if there is one.</summary>
    public void Apply(RollupCommit commit, IReadOnlyList<RollupChange> changes)
    {
        if (!IsEnabled)
        {
            return;
        }

        lock (_lock)
        {
            Finish(commit);
            foreach (var change in changes)
            {
                if (RollupScopeKey.IsCached(change.Key.Scope) && _entries.TryGetValue(RollupScopeKey.Of(change.Key), out var entry))
                {
                    entry.LastUsed = ++_clock;
                    var held = entry.Rows.Count;
                    var kept = entry.Apply(change, _sharedModel);
                    _size += entry.Rows.Count - held;
                    if (!kept)
                    {
                        Remove(entry);
                    }
                }
            }

            Trim();
        }
    }

    /// <summary>A commit that failed, whose statements may have run: its keys' entries cannot know whether it changed them.</summary>
    public void Abandon(RollupCommit commit)
    {
        if (!IsEnabled)
        {
            return;
        }

        lock (_lock)
        {
            Finish(commit);
            foreach (var row in commit.Rows)
            {
                if (_entries.TryGetValue(RollupScopeKey.Of(row), out var entry))
                {
                    Remove(entry);
                }
            }
        }
    }

    /// <summary>Drops a key whose rows were deleted outside a commit.</summary>
    public void Forget(RollupScopeKey key)
    {
        lock (_lock)
        {
            if (_loads.TryGetValue(key, out var load))
            {
                load.Spoiled = true;
            }

            if (_entries.TryGetValue(key, out var entry))
            {
                Remove(entry);
            }
        }
    }

    /// <summary>The key's rows (copies, with their versions), or null when only PostgreSQL knows them.</summary>
    public IReadOnlyList<RollupChange>? TryLoad(RollupScopeKey key)
    {
        if (!IsEnabled)
        {
            return null;
        }

        if (_filter.HasNoRows(key))
        {
            _reads.Add(1, new KeyValuePair<string, object?>("outcome", "none"));
            return [];
        }

        List<RollupChange>? rows = null;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Waiting is null)
            {
                entry.LastUsed = ++_clock;
                rows = new List<RollupChange>(entry.Rows.Count);
                rows.AddRange(entry.Rows.Select(r => new RollupChange(r.Key, r.Values.Clone(), r.Version)));
            }
        }

        _reads.Add(1, new KeyValuePair<string, object?>("outcome", rows is null ? "miss" : "hit"));
        return rows;
    }

    /// <summary>
    /// Before a grain reads the key's rows from PostgreSQL (<see cref="TryLoad"/> had none): a ticket to offer them with,
    /// or null when they cannot be kept (another read of the key runs, or its entry waits for a change).
    /// </summary>
    public RollupLoad? LoadStarting(RollupScopeKey key)
    {
        if (!IsEnabled)
        {
            return null;
        }

        lock (_lock)
        {
            if (_entries.ContainsKey(key) || _loads.ContainsKey(key))
            {
                return null;
            }

            // A commit of the key that started before the read may have finished before the read's snapshot or after it.
            var load = new RollupLoad(key) { Spoiled = _committing.ContainsKey(key) };
            _loads.Add(key, load);
            return load;
        }
    }

    /// <summary>
    /// After the read (<paramref name="rows"/> null when it failed): its rows become the key's entry unless a commit of
    /// the key ran meanwhile. Every commit that started before the read finished before it, so the read saw it, and every
    /// later one is applied to the entry by version.
    /// </summary>
    public void Loaded(RollupLoad load, IReadOnlyList<RollupChange>? rows)
    {
        lock (_lock)
        {
            _loads.Remove(load.Key);
            if (rows is null || load.Spoiled || _entries.ContainsKey(load.Key))
            {
                return;
            }

            var entry = Insert(load.Key);
            foreach (var row in rows)
            {
                entry.Add(row, _sharedModel);
            }

            _size += rows.Count;
            Trim();
        }
    }

    // The commit is no longer running (counted once: a commit applied may still be abandoned, when acknowledging fails).
    private void Finish(RollupCommit commit)
    {
        if (commit.Finished)
        {
            return;
        }

        commit.Finished = true;
        foreach (var row in commit.Rows)
        {
            var key = RollupScopeKey.Of(row);
            if (RollupScopeKey.IsCached(key.Scope) && _committing.TryGetValue(key, out var running))
            {
                if (running <= 1)
                {
                    _committing.Remove(key);
                }
                else
                {
                    _committing[key] = running - 1;
                }
            }
        }
    }

    // Model names are few; a bounded table keeps one string of each (past its bound, names are kept as they come).
    private string SharedModel(string model)
    {
        if (_models.TryGetValue(model, out var shared))
        {
            return shared;
        }

        if (_models.Count < MaxModels)
        {
            _models.Add(model, model);
        }

        return model;
    }

    private RollupCacheEntry Insert(RollupScopeKey key)
    {
        var entry = new RollupCacheEntry(key, _slots.Count) { LastUsed = ++_clock };
        _entries.Add(key, entry);
        _slots.Add(entry);
        _size++;
        return entry;
    }

    private void Trim()
    {
        while (_size > _maxRows && _slots.Count > 0)
        {
            Remove(LeastRecentlyUsedOfSample());
        }
    }

    private RollupCacheEntry LeastRecentlyUsedOfSample()
    {
        var oldest = _slots[Random.Shared.Next(_slots.Count)];
        for (var i = 1; i < EvictionSample; i++)
        {
            var candidate = _slots[Random.Shared.Next(_slots.Count)];
            oldest = candidate.LastUsed < oldest.LastUsed ? candidate : oldest;
        }

        return oldest;
    }

    private void Remove(RollupCacheEntry entry)
    {
        _size -= 1 + entry.Rows.Count;
        _entries.Remove(entry.Key);
        var last = _slots[^1];
        _slots[entry.Slot] = last;
        last.Slot = entry.Slot;
        _slots.RemoveAt(_slots.Count - 1);
    }
}
