using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Lantern.QueryBench;

/// <summary>
/// Sends one user's session of many traces through <c>POST /api/public/ingestion</c>, as an SDK would: each trace with one
/// generation (three models, usage and cost), spread over the last 14 days so the rollups hold hundreds of hour buckets.
/// </summary>
internal static class Seeder
{
    private const int TracesPerBatch = 250;

    public static async Task SeedAsync(HttpClient http, string runId, string userId, string sessionId, int traces, int concurrency)
    {
        var now = DateTimeOffset.UtcNow;
        var batches = Enumerable.Range(0, traces).Chunk(TracesPerBatch);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, concurrency) }, async (chunk, token) =>
        {
            var batch = new JsonArray();
            foreach (var i in chunk)
            {
                var time = now.AddMinutes(-(i % (14 * 24 * 60)) - 1);
                var traceId = $"{runId}-{i}";
                batch.Add(Event("trace-create", time, new JsonObject
                {
                    ["id"] = traceId, ["name"] = "chat", ["userId"] = userId, ["sessionId"] = sessionId, ["timestamp"] = Iso(time),
                }));
                batch.Add(Event("generation-create", time, new JsonObject
                {
                    ["id"] = $"{traceId}-gen", ["traceId"] = traceId, ["model"] = $"model-{i % 3}", ["startTime"] = Iso(time),
                    ["endTime"] = Iso(time.AddMilliseconds(200 + (i % 1800))),
                    ["usageDetails"] = new JsonObject { ["input"] = 100 + (i % 50), ["output"] = 20 + (i % 30) },
                    ["costDetails"] = new JsonObject { ["total"] = 0.0001m * (1 + (i % 7)) },
                }));
            }

            var body = new JsonObject { ["batch"] = batch }.ToJsonString();
            using var response = await http.PostAsync("/api/public/ingestion", new StringContent(body, Encoding.UTF8, "application/json"), token);
            if (response.StatusCode != HttpStatusCode.MultiStatus || JsonNode.Parse(await response.Content.ReadAsStringAsync(token))?["errors"]?.AsArray().Count != 0)
            {
                throw new InvalidOperationException($"ingestion answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)}");
            }
        });
    }

    private static JsonObject Event(string type, DateTimeOffset time, JsonObject body) => new()
    {
        ["id"] = Guid.NewGuid().ToString(), ["type"] = type, ["timestamp"] = Iso(time), ["body"] = body,
    };

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
