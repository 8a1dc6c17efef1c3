using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Queries;

/// <summary>A small known data set, ingested through the API: 5 traces of 2 users, 2 sessions, generations and scores.</summary>
public static class QuerySeed
{
    public static async Task IngestAsync(HttpClient http)
    {
        var events = new List<JsonObject>();
        for (var i = 0; i < 5; i++)
        {
            var traceId = $"t{i}";
            var time = T0.AddHours(i);
            events.Add(Event("trace-create", new JsonObject
            {
                ["id"] = traceId, ["name"] = i % 2 == 0 ? "chat" : "search", ["userId"] = i < 3 ? "alice" : "bob",
                ["sessionId"] = i < 4 ? "s-a" : "s-b", ["tags"] = i == 0 ? new JsonArray("vip", "beta") : new JsonArray("beta"),
                ["timestamp"] = Iso(time), ["release"] = "r1", ["environment"] = i == 4 ? "staging" : "production",
            }, time));
            events.Add(Event("generation-create", new JsonObject
            {
                ["id"] = $"{traceId}-g", ["traceId"] = traceId, ["name"] = "llm", ["model"] = "m", ["startTime"] = Iso(time),
                ["endTime"] = Iso(time.AddSeconds(2)), ["usageDetails"] = new JsonObject { ["input"] = 10, ["output"] = 5 },
                ["costDetails"] = new JsonObject { ["input"] = 0.01, ["output"] = 0.02 }, ["level"] = i == 1 ? "ERROR" : "DEFAULT",
            }, time));
            events.Add(Event("span-create", new JsonObject
            {
                ["id"] = $"{traceId}-s", ["traceId"] = traceId, ["name"] = "tool", ["startTime"] = Iso(time.AddSeconds(1)),
            }, time));
            events.Add(Event("score-create", new JsonObject
            {
                ["id"] = $"{traceId}-q", ["traceId"] = traceId, ["name"] = "quality", ["value"] = i / 4.0,
            }, time));
        }

        var (_, body) = await http.PostAsync([.. events]);
        Assert.True(body!["errors"]!.AsArray().Count == 0, body.ToJsonString());
    }
}
