using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;
using static System.FormattableString;

namespace Lantern.IngestBench;

/// <summary>
/// What the node's PostgreSQL backends are doing during the load (<c>--pg-waits-every-ms N</c>): <c>pg_stat_activity</c>
/// sampled every N ms, each active backend counted under its wait event (<c>CPU</c> when it waits for none: running, or
/// waiting for a core) and the table of its current statement. A commit that waits for another's row locks shows as
/// <c>Lock:transactionid</c>, one that waits for the WAL flush as <c>IO:WALSync</c> or <c>LWLock:WALWrite</c>. Backends
/// whose transaction has run longer than <see cref="LateMs"/> are also counted apart: what the commits in the tail wait for.
/// </summary>
internal sealed class PgWaitSampler(NpgsqlDataSource db, int everyMs)
{
    private const int LateMs = 25;

    private const string Sample = """
        SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU'),
               upper(split_part(ltrim(query), ' ', 1)) || coalesce(' ' || substring(query from '(?:INTO|FROM|UPDATE)\s+"?(\w+)'), ''),
               coalesce(clock_timestamp() - xact_start > make_interval(secs => $1 / 1000.0), false)
        FROM pg_stat_activity
        WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()
        """;

    private readonly Dictionary<(string Wait, string Statement, bool Late), int> _seen = [];
    private int _samples;

    public async Task RunAsync(CancellationToken stop)
    {
        await using var connection = await db.OpenConnectionAsync(stop);
        await using var command = new NpgsqlCommand(Sample, connection) { Parameters = { new() { Value = LateMs } } };
        var next = Stopwatch.GetTimestamp();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await using (var reader = await command.ExecuteReaderAsync(stop))
                {
                    while (await reader.ReadAsync(stop))
                    {
                        var key = (reader.GetString(0), reader.GetString(1), reader.GetBoolean(2));
                        _seen[key] = _seen.GetValueOrDefault(key) + 1;
                    }
                }

                _samples++;
                next += Stopwatch.Frequency * everyMs / 1000;
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stop);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The load is over.
        }
    }

    public void Print()
    {
        var active = _seen.Values.Sum() / (double)Math.Max(1, _samples);
        Console.WriteLine(Invariant($"PostgreSQL backends during the load ({_samples} samples of pg_stat_activity every {everyMs} ms): {active:F2} active on average; by wait: ") +
            Listed(ByWait(late: null)) + ".");
        var byStatement = _seen.GroupBy(s => (s.Key.Wait, s.Key.Statement)).Select(g => ($"{g.Key.Wait} in {g.Key.Statement}", Backends(g)));
        Console.WriteLine("  by wait and statement (mean backends): " + Listed(byStatement.OrderByDescending(s => s.Item2).Take(12)) + ".");
        var late = Backends(_seen.Where(s => s.Key.Late));
        Console.WriteLine(Invariant($"  in transactions running for more than {LateMs} ms ({late:F3} backends): ") + Listed(ByWait(late: true)) + ".");
    }

    /// <summary>The samples taken and the mean number of active backends under each wait event, of all and of late transactions.</summary>
    public JsonObject ToJson() => new()
    {
        ["everyMs"] = everyMs,
        ["samples"] = _samples,
        ["backendsByWait"] = new JsonObject(ByWait(late: null).Select(w => KeyValuePair.Create(w.Wait, (JsonNode?)w.Backends))),
        ["lateBackendsByWait"] = new JsonObject(ByWait(late: true).Select(w => KeyValuePair.Create(w.Wait, (JsonNode?)w.Backends))),
    };

    /// <summary>Mean backends under each wait event, of every transaction (<paramref name="late"/> null) or only late ones.</summary>
    private IEnumerable<(string Wait, double Backends)> ByWait(bool? late) =>
        _seen.Where(s => late is null || s.Key.Late == late).GroupBy(s => s.Key.Wait).Select(g => (g.Key, Backends(g))).OrderByDescending(w => w.Item2);

    private double Backends(IEnumerable<KeyValuePair<(string Wait, string Statement, bool Late), int>> seen) =>
        seen.Sum(s => s.Value) / (double)Math.Max(1, _samples);

    private static string Listed(IEnumerable<(string Name, double Backends)> items) =>
        string.Join(", ", items.Select(i => Invariant($"{i.Name} {i.Backends:F3}")));
}
