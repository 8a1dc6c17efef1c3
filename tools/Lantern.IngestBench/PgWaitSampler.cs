using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;
using static System.FormattableString;

namespace Lantern.IngestBench;

/// <summary>
/// What the node's PostgreSQL backends are doing during the load (<c>--pg-waits-every-ms N</c>): <c>pg_stat_activity</c>
/// sampled every N ms, each active backend counted under its wait event (<c>CPU</c> when it waits for none: running, or
/// waiting for a core) and the table of its current statement. A commit that waits for another's row locks shows as
/// <c>Lock:transactionid</c>, one that waits for the WAL flush as <c>IO:WALSync</c> or <c>LWLock:WALWrite</c>.
/// </summary>
internal sealed class PgWaitSampler(NpgsqlDataSource db, int everyMs)
{
    private const string Sample = """
        SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU'),
               upper(split_part(ltrim(query), ' ', 1)) || coalesce(' ' || substring(query from '(?:INTO|FROM|UPDATE)\s+"?(\w+)'), '')
        FROM pg_stat_activity
        WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()
        """;

    private readonly Dictionary<(string Wait, string Statement), int> _seen = [];
    private int _samples;

    public async Task RunAsync(CancellationToken stop)
    {
        await using var connection = await db.OpenConnectionAsync(stop);
        await using var command = new NpgsqlCommand(Sample, connection);
        var next = Stopwatch.GetTimestamp();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await using (var reader = await command.ExecuteReaderAsync(stop))
                {
                    while (await reader.ReadAsync(stop))
                    {
                        var key = (reader.GetString(0), reader.GetString(1));
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
        var byWait = _seen.GroupBy(s => s.Key.Wait).Select(g => (g.Key, Backends: g.Sum(s => s.Value) / (double)Math.Max(1, _samples)))
            .OrderByDescending(w => w.Backends);
        Console.WriteLine(Invariant($"PostgreSQL backends during the load ({_samples} samples of pg_stat_activity every {everyMs} ms): {active:F2} active on average; by wait: ") +
            string.Join(", ", byWait.Select(w => Invariant($"{w.Key} {w.Backends:F3}"))) + ".");
        Console.WriteLine("  by wait and statement (mean backends): " + string.Join(", ", _seen.OrderByDescending(s => s.Value).Take(12)
            .Select(s => Invariant($"{s.Key.Wait} in {s.Key.Statement} {s.Value / (double)Math.Max(1, _samples):F3}"))) + ".");
    }

    /// <summary>The samples taken and the mean number of active backends under each wait event.</summary>
    public JsonObject ToJson() => new()
    {
        ["everyMs"] = everyMs,
        ["samples"] = _samples,
        ["backendsByWait"] = new JsonObject(_seen.GroupBy(s => s.Key.Wait)
            .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)(g.Sum(s => s.Value) / (double)Math.Max(1, _samples))))),
    };
}
