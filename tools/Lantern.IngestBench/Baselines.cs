using System.Diagnostics;
using Npgsql;

namespace Lantern.IngestBench;

/// <summary>
/// Writes exactly the trace and observation rows Lantern stored into empty copies of its tables (same columns, indexes and
/// keys) in two ways: (a) one binary <c>COPY</c> per table in one transaction, the ceiling of this box; (b) one transaction
/// of one upsert per event, the peers' pattern, each event carrying the row it changes (trace, span, span, generation,
/// generation, trace).
/// </summary>
internal static class Baselines
{
    private static readonly string[] Tables = ["traces", "observations"];

    // The measured load's rows only: not the warm-up's (trace indexes below firstTrace), nor others the database may hold
    // (e.g. the test suite's). The run id is our own hex, never input; a trace id carries its index (TraceIds).
    private static string RunRows(string table, string runId, long firstTrace)
    {
        var traceId = table == "traces" ? "id" : "trace_id";
        return $"SELECT * FROM {table} WHERE project_id = '{BenchOptions.ProjectId}' AND {traceId} LIKE '{runId}-%' " +
            $"AND {TraceIds.IndexSql(traceId)} >= {firstTrace}";
    }

    public static async Task<PhaseResult> CopyAsync(NpgsqlDataSource db, long events, string runId, long firstTrace)
    {
        await using var connection = await db.OpenConnectionAsync();
        // Dumped to temporary files, not memory: a million traces' rows exceed what one array can hold.
        var dumps = new Dictionary<string, FileStream>();
        foreach (var table in Tables)
        {
            await Execute(connection, $"DROP TABLE IF EXISTS bench_copy_{table}; CREATE TABLE bench_copy_{table} (LIKE {table} INCLUDING ALL)");
            var dump = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            dumps[table] = dump;
            await using (var source = await connection.BeginRawBinaryCopyAsync($"COPY ({RunRows(table, runId, firstTrace)}) TO STDOUT (FORMAT BINARY)"))
            {
                await source.CopyToAsync(dump);
            }

            dump.Position = 0;
        }

        var before = await PgSnapshot.TakeAsync(db, [.. Tables.Select(t => $"bench_copy_{t}")]);
        var clock = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            foreach (var table in Tables)
            {
                await using var target = await connection.BeginRawBinaryCopyAsync($"COPY bench_copy_{table} FROM STDIN (FORMAT BINARY)");
                await dumps[table].CopyToAsync(target);
            }

            await transaction.CommitAsync();
        }

        foreach (var dump in dumps.Values)
        {
            await dump.DisposeAsync();
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var written = (await PgSnapshot.TakeAsync(db, [.. Tables.Select(t => $"bench_copy_{t}")])).Minus(before);
        await DropAsync(connection, "bench_copy");
        return new PhaseResult("COPY (ceiling)", seconds, events, written);
    }

    private const int MaxPerEventTracesPerSecond = 2_000;

    public static async Task<PhaseResult> PerEventAsync(NpgsqlDataSource db, int concurrency, TimeSpan limit, string runId, long firstTrace)
    {
        await using var setup = await db.OpenConnectionAsync();
        var upserts = new Dictionary<string, string>();
        foreach (var table in Tables)
        {
            await Execute(setup, $"DROP TABLE IF EXISTS bench_event_{table}; CREATE TABLE bench_event_{table} (LIKE {table} INCLUDING ALL)");
            var columns = await Columns(setup, table);
            upserts[table] = $"""
                INSERT INTO bench_event_{table} SELECT * FROM jsonb_populate_record(NULL::bench_event_{table}, $1::jsonb)
                ON CONFLICT (project_id, id) DO UPDATE SET {string.Join(", ", columns.Select(c => $"{c} = excluded.{c}"))}
                """;
        }

        // The events of each trace in ingestion order, each with the row it writes. Only as many traces as this writer
        // could reach in the time it gets (it manages about a thousand events per second here): a million-trace run's
        // rows as JSON text would not fit in memory.
        var traces = new List<(string Table, string Row)[]>();
        // Statistics of tables that grew from empty during the load are stale: without them the planner joined by scanning
        // observations once per trace (26 million buffers, over a minute for a 30 s load).
        await Execute(setup, "ANALYZE traces; ANALYZE observations");
        var enough = (long)Math.Ceiling(limit.TotalSeconds * MaxPerEventTracesPerSecond);
        await using (var command = new NpgsqlCommand($"""
            SELECT to_jsonb(t)::text, to_jsonb(s)::text, to_jsonb(g)::text FROM ({RunRows("traces", runId, firstTrace)} LIMIT {enough}) t
            JOIN observations s ON s.project_id = t.project_id AND s.id = t.id || '-s'
            JOIN observations g ON g.project_id = t.project_id AND g.id = t.id || '-g'
            """, setup))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var (trace, span, generation) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
                traces.Add([("traces", trace), ("observations", span), ("observations", span), ("observations", generation), ("observations", generation), ("traces", trace)]);
            }
        }

        var before = await PgSnapshot.TakeAsync(db, [.. Tables.Select(t => $"bench_event_{t}")]);
        long events = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            await using var connection = await db.OpenConnectionAsync();
            int i;
            while (clock.Elapsed < limit && (i = Interlocked.Increment(ref next)) < traces.Count)
            {
                foreach (var (table, row) in traces[i])
                {
                    await using var transaction = await connection.BeginTransactionAsync();
                    await using var upsert = new NpgsqlCommand(upserts[table], connection, transaction) { Parameters = { new() { Value = row } } };
                    await upsert.ExecuteNonQueryAsync();
                    await transaction.CommitAsync();
                    Interlocked.Increment(ref events);
                }
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        var written = (await PgSnapshot.TakeAsync(db, [.. Tables.Select(t => $"bench_event_{t}")])).Minus(before);
        await DropAsync(setup, "bench_event");
        return new PhaseResult("upsert tx per event (peers)", seconds, events, written);
    }

    private static async Task<List<string>> Columns(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND column_name NOT IN ('project_id', 'id') ORDER BY ordinal_position",
            connection) { Parameters = { new() { Value = table } } };
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<string>();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static Task DropAsync(NpgsqlConnection connection, string prefix) =>
        Execute(connection, string.Join("; ", Tables.Select(t => $"DROP TABLE {prefix}_{t}")));

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
