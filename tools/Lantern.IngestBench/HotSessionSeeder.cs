using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Lantern.IngestBench;

/// <summary>
/// Sends <see cref="BenchOptions.HotSessionTraces"/> traces into one session before the load, so that the rollup prober
/// reads the summary of a large session while the load runs (the target is for 20,000 traces).
/// </summary>
internal static class HotSessionSeeder
{
    public const string SessionId = "session-hot";

    public static async Task SeedAsync(HttpClient http, BenchOptions options, string runId)
    {
        if (options.HotSessionTraces <= 0)
        {
            return;
        }

        var started = Stopwatch.StartNew();
        // Ids outside the run's prefix: the baselines copy the run's rows, and the seed is not part of the measured load.
        var workload = new Workload(options, new TraceIds($"hot{runId}", options.RandomIds), SessionId);
        var batches = (options.HotSessionTraces + options.TracesPerBatch - 1) / options.TracesPerBatch;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < batches)
            {
                using var content = new ByteArrayContent(workload.NextBatch().Body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync("/api/public/ingestion", content);
                if (response.StatusCode != HttpStatusCode.MultiStatus)
                {
                    throw new InvalidOperationException($"seeding the hot session: ingestion answered {(int)response.StatusCode}");
                }
            }
        })));
        Console.WriteLine($"Hot session: {batches * options.TracesPerBatch} traces seeded into {SessionId} in {started.Elapsed.TotalSeconds:F1} s.");
    }
}
