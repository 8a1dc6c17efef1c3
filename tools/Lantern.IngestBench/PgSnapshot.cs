using Npgsql;

namespace Lantern.IngestBench;

/// <summary>
/// Counters of the database at one moment: commits, rows inserted and updated (pg_stat_database), WAL position and the
/// total size of the given tables, so the difference of two snapshots is what a phase wrote.
/// </summary>
internal sealed record PgSnapshot(long Commits, long RowsWritten, long WalBytes, long TableBytes)
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
        return new PgSnapshot(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    public PgSnapshot Minus(PgSnapshot before) =>
        new(Commits - before.Commits, RowsWritten - before.RowsWritten, WalBytes - before.WalBytes, TableBytes - before.TableBytes);
}
