using System.Globalization;
using System.Text.Json;
using Lantern.Contracts.Runtime;
using Lantern.Silo.Cluster;
using Npgsql;
using NpgsqlTypes;

namespace Lantern.Silo.Storage;

/// <summary>
/// Grain state in PostgreSQL: one versioned row per grain. A write names the version it read; if the row moved on,
/// zero rows match and the writer gets <see cref="InconsistentStateException"/> (Orleans' ADO.NET provider semantics).
/// In a cluster a write is also fenced like a trace write: in the same transaction, the lease of the partition the grain
/// key hashes to must still be this silo's, or the write fails with <see cref="PartitionLeaseLostException"/>.
/// </summary>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource, Func<IWriteFencing?> fencing) : IGrainStorage
{
    public PostgresGrainStorage(NpgsqlDataSource dataSource, IWriteFencing? fencing = null)
        : this(dataSource, () => fencing)
    {
    }

    public async Task<StoredState<TState>?> ReadAsync<TState>(string grainType, string key, CancellationToken cancellationToken)
        where TState : class
    {
        await using var command = dataSource.CreateCommand(
            "SELECT payload, version FROM grain_state WHERE grain_type = $1 AND grain_key = $2");
        command.Parameters.Add(new() { Value = grainType });
        command.Parameters.Add(new() { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var state = JsonSerializer.Deserialize<TState>(reader.GetString(0), GrainStateJson.Options)!;
        return new StoredState<TState>(state, Etag(reader.GetInt64(1)));
    }

    public async Task<string> WriteAsync<TState>(string grainType, string key, TState state, string? expectedEtag, CancellationToken cancellationToken)
        where TState : class
    {
        var json = JsonSerializer.Serialize(state, GrainStateJson.Options);
        var version = await FencedAsync(key, async command =>
        {
            command.CommandText = expectedEtag is null
                ? """
                  INSERT INTO grain_state (grain_type, grain_key, version, payload, updated_at) VALUES ($1, $2, 1, $3, now())
                  ON CONFLICT (grain_type, grain_key) DO NOTHING RETURNING version
                  """
                : """
                  UPDATE grain_state SET version = version + 1, payload = $3, updated_at = now()
                  WHERE grain_type = $1 AND grain_key = $2 AND version = $4 RETURNING version
                  """;
            command.Parameters.Add(new() { Value = grainType });
            command.Parameters.Add(new() { Value = key });
            command.Parameters.Add(new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
            if (expectedEtag is not null)
            {
                command.Parameters.Add(new() { Value = ParseEtag(expectedEtag) });
            }

            return await command.ExecuteScalarAsync(cancellationToken);
        }, cancellationToken);
        return version is long v ? Etag(v) : throw await ConflictAsync(grainType, key, expectedEtag, cancellationToken);
    }

    public async Task ClearAsync(string grainType, string key, string? expectedEtag, CancellationToken cancellationToken)
    {
        var deleted = await FencedAsync(key, command =>
        {
            command.CommandText = "DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND version IS NOT DISTINCT FROM $3";
            command.Parameters.Add(new() { Value = grainType });
            command.Parameters.Add(new() { Value = key });
            command.Parameters.Add(new() { Value = expectedEtag is null ? DBNull.Value : ParseEtag(expectedEtag), NpgsqlDbType = NpgsqlDbType.Bigint });
            return command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
        if (deleted == 0)
        {
            var conflict = await ConflictAsync(grainType, key, expectedEtag, cancellationToken);
            if (conflict.StoredEtag is not null || expectedEtag is not null)
            {
                throw conflict;
            }
        }
    }

    /// <summary>Runs one write; in a cluster inside a transaction that first checks (and holds) the key's partition lease.</summary>
    private async Task<T> FencedAsync<T>(string key, Func<NpgsqlCommand, Task<T>> write, CancellationToken cancellationToken)
    {
        var fence = fencing()?.FenceFor(key);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = fence is null ? null : await connection.BeginTransactionAsync(cancellationToken);
        if (fence is not null && (await LeaseFences.StaleAsync(connection, [fence], cancellationToken)).Count > 0)
        {
            throw new PartitionLeaseLostException(fence.SiloId, fence.Partition, fence.Fencing);
        }

        await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
        var result = await write(command);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    private async Task<InconsistentStateException> ConflictAsync(string grainType, string key, string? expectedEtag, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM grain_state WHERE grain_type = $1 AND grain_key = $2");
        command.Parameters.Add(new() { Value = grainType });
        command.Parameters.Add(new() { Value = key });
        var stored = await command.ExecuteScalarAsync(cancellationToken);
        return new InconsistentStateException(grainType, key, expectedEtag, stored is long v ? Etag(v) : null);
    }

    private static string Etag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static long ParseEtag(string etag) => long.Parse(etag, CultureInfo.InvariantCulture);
}
