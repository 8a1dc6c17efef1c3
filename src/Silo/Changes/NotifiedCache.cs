using System.Collections.Concurrent;

namespace Lantern.Silo.Changes;

/// <summary>
/// Lookups cached so hot paths (authentication, masking, score checks) cost no round trip, yet see a change made on any
/// node as soon as it commits: PostgreSQL announces it (<see cref="ChangeListener"/>) and the entry is evicted. Entries
/// (including "not found") also expire after <see cref="Lifetime"/>, the bound should a node miss an announcement.
/// </summary>
public sealed class NotifiedCache<TKey, TValue>(TimeProvider time)
    where TKey : notnull
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<TKey, (TValue Value, DateTimeOffset Expires)> _entries = new();

    // Bumped by every eviction: a lookup that raced with one does not cache what it read, which may predate the change.
    private long _evictions;

    public async ValueTask<TValue> GetAsync(TKey key, Func<CancellationToken, Task<TValue>> load, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > now)
        {
            return entry.Value;
        }

        var evictions = Interlocked.Read(ref _evictions);
        var value = await load(cancellationToken);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        if (Interlocked.Read(ref _evictions) == evictions)
        {
            _entries[key] = (value, now + Lifetime);
        }

        return value;
    }

    public void Evict(TKey key)
    {
        Interlocked.Increment(ref _evictions);
        _entries.TryRemove(key, out _);
    }

    public void Clear()
    {
        Interlocked.Increment(ref _evictions);
        _entries.Clear();
    }
}
