using Lantern.Silo.Changes;
using Npgsql;

namespace Lantern.Silo.Projects;

/// <summary>
/// Key lookups for authentication, cached so the hot path costs no database round trip; "no such key" is cached too, so a
/// flood of bad keys cannot hammer PostgreSQL. A key created, revoked or deleted on any node is evicted on every node as
/// the change commits (<see cref="NotifiedCache{TKey, TValue}"/>).
/// </summary>
public sealed class ApiKeyCache(NpgsqlDataSource dataSource, TimeProvider time) : IChangeSubscriber
{
    private readonly NotifiedCache<string, ApiKeyRecord?> _keys = new(time);

    public string Channel => "lantern_api_keys";

    public ValueTask<ApiKeyRecord?> FindAsync(string publicKey, CancellationToken cancellationToken) =>
        _keys.GetAsync(publicKey, ct => LoadAsync(publicKey, ct), cancellationToken);

    public void Evict(string publicKey) => _keys.Evict(publicKey);

    public void Changed(string payload) => _keys.Evict(payload);

    public void Clear() => _keys.Clear();

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
