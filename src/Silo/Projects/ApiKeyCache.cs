using System.Collections.Concurrent;
using Npgsql;

namespace Lantern.Silo.Projects;

/// <summary>
/// Key lookups for authentication, cached so the hot path costs no database round trip. Entries (including "no such key",
/// so a flood of bad keys cannot hammer PostgreSQL) expire after a short time, which bounds how long a revoked key works
/// on a node that did not revoke it; the revoking node evicts at once.
/// </summary>
public sealed class ApiKeyCache(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, (ApiKeyRecord? Record, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public async ValueTask<ApiKeyRecord?> FindAsync(string publicKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(publicKey, out var entry) && entry.Expires > now)
        {
            return entry.Record;
        }

        var record = await LoadAsync(publicKey, cancellationToken);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[publicKey] = (record, now + Lifetime);
        return record;
    }

    public void Evict(string publicKey) => _entries.TryRemove(publicKey, out _);

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
