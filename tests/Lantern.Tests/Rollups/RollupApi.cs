using System.Net;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Rollups;

/// <summary>Seeds traces through the ingestion API and reads the rollup endpoints.</summary>
public static class RollupApi
{
    /// <summary>A trace with one generation (model, usage and cost), as an SDK would send it.</summary>
    public static JsonObject[] Trace(
        string id, DateTimeOffset time, string? user = null, string? session = null, string model = "gpt-4o", long input = 10,
        long output = 5, decimal cost = 0.01m, Action<JsonObject>? trace = null, Action<JsonObject>? generation = null)
    {
        var body = new JsonObject { ["id"] = id, ["name"] = "chat", ["timestamp"] = Iso(time) };
        if (user is not null)
        {
            body["userId"] = user;
        }

        if (session is not null)
        {
            body["sessionId"] = session;
        }

        trace?.Invoke(body);
        var gen = new JsonObject
        {
            ["id"] = $"{id}-gen", ["traceId"] = id, ["model"] = model, ["startTime"] = Iso(time), ["endTime"] = Iso(time.AddSeconds(1)),
            ["usageDetails"] = new JsonObject { ["input"] = input, ["output"] = output },
            ["costDetails"] = new JsonObject { ["total"] = cost },
        };
        generation?.Invoke(gen);
        return [Event("trace-create", body, time), Event("generation-create", gen, time)];
    }

    public static async Task IngestAsync(this HttpClient http, params JsonObject[][] traces)
    {
        foreach (var chunk in traces.SelectMany(t => t).Chunk(200))
        {
            var (response, body) = await http.PostAsync(chunk);
            Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
            Assert.True(body!["errors"]!.AsArray().Count == 0, body.ToJsonString());
        }
    }

    public static async Task<(HttpStatusCode Status, JsonNode Body)> GetJsonAsync(this HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!);
    }

    /// <summary>Reads an endpoint answered by a grain until it reflects the last commit (grains hear of commits asynchronously).</summary>
    public static async Task<JsonNode> GetWhenAsync(this HttpClient http, string url, Func<JsonNode, bool> settled)
    {
        JsonNode body = new JsonObject();
        await Eventually.TrueAsync(async () =>
        {
            var (status, json) = await http.GetJsonAsync(url);
            body = json;
            return status == HttpStatusCode.OK && settled(json);
        }, $"{url} answers 200 with the ingested data");
        return body;
    }

    public static async Task ExpectBadRequestAsync(this HttpClient http, string url, string mentions)
    {
        var (status, body) = await http.GetJsonAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Invalid request data", (string?)body["message"]);
        Assert.Contains(mentions, (string?)body["error"], StringComparison.Ordinal);
    }

    public static async Task ExpectNotFoundAsync(this HttpClient http, string url)
    {
        var (status, body) = await http.GetJsonAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("LangfuseNotFoundError", (string?)body["error"]);
        Assert.Contains("not found within authorized project", (string?)body["message"], StringComparison.Ordinal);
    }

    public static string[] Strings(JsonNode? array, string field) => [.. array!.AsArray().Select(e => (string)e![field]!)];

    public static decimal Dec(JsonNode? value) => value!.GetValue<decimal>().Normalize();
}
