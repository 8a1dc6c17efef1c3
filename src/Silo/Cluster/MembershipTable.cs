using Npgsql;

namespace Lantern.Silo.Cluster;

/// <summary>
/// The membership and lease tables in PostgreSQL. One rebalance is one transaction under an advisory lock: heartbeat,
/// expire silos whose heartbeat is older than the timeout (freeing their partitions), then give back partitions above this
/// silo's fair share or take free ones up to it. PostgreSQL's clock decides expiry, so silo clocks need not agree.
/// The heartbeat alone is one statement on a connection of its own, so that neither a busy pool nor a rebalance delays it.
/// </summary>
public sealed class MembershipTable(NpgsqlDataSource dataSource, ClusterOptions options) : IAsyncDisposable
{
    // Any fixed number: rebalances of every silo are serialised, which keeps the algorithm free of races.
    private const long RebalanceLockKey = 0x4C414E5445524F;

    private const string JoinSql = """
        INSERT INTO cluster_silos (silo_id) VALUES ($1)
        ON CONFLICT (silo_id) DO UPDATE SET heartbeat_at = now()
        """;

    private NpgsqlConnection? _heartbeatConnection;

    /// <summary>
    /// Refreshes this silo's membership row; one caller at a time (the heartbeat loop). Returns false when there is no row:
    /// the silo has not joined yet, or the others expired it and freed its partitions. Only a rebalance joins, so a silo
    /// that cannot rebalance (a partition count mismatch) never counts in the others' fair shares.
    /// </summary>
    public async Task<bool> HeartbeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            _heartbeatConnection ??= await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = Command(_heartbeatConnection, "UPDATE cluster_silos SET heartbeat_at = now() WHERE silo_id = $1", [options.SiloId]);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        catch
        {
            // The connection may be broken or mid-cancellation: the next heartbeat opens a fresh one.
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _heartbeatConnection, null) is { } connection)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>Heartbeats, rebalances, and returns the partitions this silo holds with their fencing numbers.</summary>
    public async Task<IReadOnlyDictionary<int, long>> RebalanceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock($1)", cancellationToken, RebalanceLockKey);
        await ExecuteAsync(connection, JoinSql, cancellationToken, options.SiloId);
        await ExecuteAsync(connection, "DELETE FROM cluster_silos WHERE heartbeat_at < now() - $1", cancellationToken, options.LeaseTimeout);
        await ExecuteAsync(connection, """
            UPDATE partition_leases SET owner = NULL, changed_at = now()
            WHERE owner IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cluster_silos s WHERE s.silo_id = owner)
            """, cancellationToken);
        await ExecuteAsync(connection, "INSERT INTO partition_leases (partition) SELECT generate_series(0, $1 - 1) ON CONFLICT DO NOTHING",
            cancellationToken, options.Partitions);
        await CheckPartitionCountAsync(connection, cancellationToken);

        var silos = await ListAsync(connection, "SELECT silo_id FROM cluster_silos ORDER BY silo_id COLLATE \"C\"", r => r.GetString(0), cancellationToken);
        var target = FairShare.Target(options.Partitions, silos, options.SiloId);
        var held = await ListAsync(connection, "SELECT partition FROM partition_leases WHERE owner = $1 ORDER BY partition",
            r => r.GetInt32(0), cancellationToken, options.SiloId);
        if (held.Count > target)
        {
            await ExecuteAsync(connection, "UPDATE partition_leases SET owner = NULL, changed_at = now() WHERE partition = ANY($1) AND owner = $2",
                cancellationToken, held.Skip(target).ToArray(), options.SiloId);
        }
        else if (held.Count < target)
        {
            // Every change of owner increments the fencing number, so writes made under an older lease are refused.
            await ExecuteAsync(connection, """
                UPDATE partition_leases SET owner = $1, fencing = fencing + 1, changed_at = now()
                WHERE partition IN (SELECT partition FROM partition_leases WHERE owner IS NULL ORDER BY partition LIMIT $2)
                """, cancellationToken, options.SiloId, target - held.Count);
        }

        var owned = await ListAsync(connection, "SELECT partition, fencing FROM partition_leases WHERE owner = $1",
            r => (Partition: r.GetInt32(0), Fencing: r.GetInt64(1)), cancellationToken, options.SiloId);
        await transaction.CommitAsync(cancellationToken);
        return owned.ToDictionary(o => o.Partition, o => o.Fencing);
    }

    /// <summary>Leaves the cluster: frees this silo's partitions at once instead of after the lease timeout.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock($1)", cancellationToken, RebalanceLockKey);
        await ExecuteAsync(connection, "DELETE FROM cluster_silos WHERE silo_id = $1", cancellationToken, options.SiloId);
        await ExecuteAsync(connection, "UPDATE partition_leases SET owner = NULL, changed_at = now() WHERE owner = $1", cancellationToken, options.SiloId);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task CheckPartitionCountAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM partition_leases", connection);
        var stored = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        if (stored != options.Partitions)
        {
            throw new InvalidOperationException(
                $"LANTERN_PARTITIONS is {options.Partitions} but the cluster was created with {stored} partitions; every silo must use the same value.");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<T>> ListAsync<T>(
        NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
