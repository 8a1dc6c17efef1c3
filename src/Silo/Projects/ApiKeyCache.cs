using System.Collections.Concurrent;
using Npgsql;

namespace Lantern.Silo.Projects;

/// <summary>
/// Key lookups for authentication, cached so the hot path costs no database round trip. A change to a key evicts it on
/// every node as it commits (<see cref="ApiKeyChangeListener"/>); entries (including "no such key", so a flood of bad keys
/// cannot hammer PostgreSQL) also expire after a short time, the bound should a node miss a notification.
/// </summary>
public sealed class ApiKeyCache(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, (ApiKeyRecord? Record, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    // Bumped by every eviction: a lookup that raced with one does not cache what it read, which may predate the change.
    private long _evictions;

    public async ValueTask<ApiKeyRecord?> FindAsync(string publicKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(publicKey, out var entry) && entry.Expires > now)
        {
            return entry.Record;
        }

        var evictions = Interlocked.Read(ref _evictions);
        var record = await LoadAsync(publicKey, cancellationToken);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        if (Interlocked.Read(ref _evictions) == evictions)
        {
            _entries[publicKey] = (record, now + Lifetime);
        }

        return record;
    }

    public void Evict(string publicKey)
    {
        Interlocked.Increment(ref _evictions);
        _entries.TryRemove(publicKey, out _);
    }

    /// <summary>Forgets every key: after a gap in which changes may have gone unannounced.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _evictions);
        _entries.Clear();
    }

    private async Task<ApiKeyRecord?> LoadAsync(string publicKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT project_id, public_key, secret_hash, scope, expires_at, revoked_at FROM api_keys WHERE public_key = $1");
        command.Parameters.Add(new() { Value = publicKey });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ApiKeyRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
    }
}
