using System.Text.Json.Nodes;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Ingestion;

/// <summary>
/// A seeded random workload shaped like SDK traffic: traces of users and sessions with spans, generations (some failing,
/// some linked to prompt versions) and scores, delivered in shuffled batches with resends and updates before creates.
/// </summary>
public sealed class RollupWorkload(int seed)
{
    private readonly Random _random = new(seed);

    public List<JsonObject> Events(int traces)
    {
        var events = new List<JsonObject>();
        for (var t = 0; t < traces; t++)
        {
            var traceId = $"trace-{t}";
            var start = T0.AddMinutes(_random.Next(0, 6 * 60));
            events.Add(Event("trace-create", new JsonObject
            {
                ["id"] = traceId, ["name"] = "chat", ["userId"] = $"user-{_random.Next(5)}", ["sessionId"] = $"session-{_random.Next(8)}",
                ["timestamp"] = Iso(start),
            }, start));
            events.Add(Event("span-create", new JsonObject { ["id"] = $"{traceId}-span", ["traceId"] = traceId, ["startTime"] = Iso(start) }, start));
            for (var g = 0; g < _random.Next(1, 4); g++)
            {
                events.AddRange(Generation(traceId, $"{traceId}-gen-{g}", start.AddSeconds(g + 1)));
            }

            events.Add(Event("score-create", new JsonObject
            {
                ["id"] = $"{traceId}-score", ["traceId"] = traceId, ["name"] = "quality", ["value"] = _random.Next(0, 11) / 10.0,
            }, start.AddSeconds(30)));
        }

        return events;
    }

    /// <summary>The events cut into batches in random order, with a share of batches sent again later.</summary>
    public List<JsonObject[]> Deliveries(List<JsonObject> events, int batchSize, double resendShare)
    {
        var shuffled = events.OrderBy(_ => _random.Next()).ToList();
        var batches = shuffled.Chunk(batchSize).ToList();
        var resends = batches.Where(_ => _random.NextDouble() < resendShare).ToList();
        return [.. batches.Concat(resends).OrderBy(_ => _random.Next())];
    }

    private IEnumerable<JsonObject> Generation(string traceId, string id, DateTimeOffset start)
    {
        var create = new JsonObject { ["id"] = id, ["traceId"] = traceId, ["model"] = $"model-{_random.Next(3)}", ["startTime"] = Iso(start) };
        if (_random.Next(3) == 0)
        {
            create["promptName"] = $"prompt-{_random.Next(2)}";
            create["promptVersion"] = _random.Next(1, 3);
        }

        yield return Event("generation-create", create, start);
        var update = new JsonObject
        {
            ["id"] = id, ["traceId"] = traceId, ["endTime"] = Iso(start.AddMilliseconds(_random.Next(100, 5000))),
            ["usageDetails"] = new JsonObject { ["input"] = _random.Next(1, 2000), ["output"] = _random.Next(1, 800) },
            ["costDetails"] = new JsonObject { ["total"] = _random.Next(1, 10000) / 1_000_000m },
        };
        if (_random.Next(6) == 0)
        {
            update["level"] = "ERROR";
        }

        yield return Event("generation-update", update, start.AddSeconds(1));
    }
}
