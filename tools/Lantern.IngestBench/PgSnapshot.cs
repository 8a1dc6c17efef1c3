using Lantern.Tools;
using Npgsql;

namespace Lantern.IngestBench;

/// <summary>
/// Counters of the database at one moment: commits, rows inserted and updated (pg_stat_database), WAL position and the
/// total size of the given tables, so the difference of two snapshots is what a phase wrote.
/// </summary>
internal sealed record PgSnapshot(long Commits, long RowsWritten, long WalBytes, long TableBytes, Dictionary<string, long> ScansPerTable)
{
    public static async Task<PgSnapshot> TakeAsync(NpgsqlDataSource db, params string[] tables)
    {
        await using var connection = await db.OpenConnectionAsync();
        // The statistics collector publishes counters in the background; give it a moment so the phase is complete.
        await Task.Delay(1_100);
        await using var command = connection.CreateCommand();
        var sizes = tables.Length == 0 ? "0" : string.Join(" + ", tables.Select(t => $"coalesce(pg_total_relation_size(to_regclass('{t}')), 0)"));
        command.CommandText = $"""
            SELECT xact_commit, tup_inserted + tup_updated, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint, ({sizes})::bigint
            FROM pg_stat_database WHERE datname = current_database()
            """;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (commits, rows, wal, bytes) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        await reader.DisposeAsync();
        // Index and sequential scans per table show which reads each ingested trace costs.
        command.CommandText = "SELECT relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables";
        await using var scans = await command.ExecuteReaderAsync();
        var perTable = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await scans.ReadAsync())
        {
            perTable[scans.GetString(0)] = scans.GetInt64(1);
        }

        return new PgSnapshot(commits, rows, wal, bytes, perTable);
    }

    /// <summary>The postmaster's process id (the parent of this connection's backend), for CPU read from /proc.</summary>
    public static async Task<int> PostmasterAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT pg_backend_pid()");
        return ProcessStats.ParentOf((int)(await command.ExecuteScalarAsync())!);
    }

    public PgSnapshot Minus(PgSnapshot before) =>
        new(Commits - before.Commits, RowsWritten - before.RowsWritten, WalBytes - before.WalBytes, TableBytes - before.TableBytes,
            ScansPerTable.Select(t => (t.Key, Scans: t.Value - before.ScansPerTable.GetValueOrDefault(t.Key)))
                .Where(t => t.Scans > 0).ToDictionary(t => t.Key, t => t.Scans, StringComparer.Ordinal));
}
