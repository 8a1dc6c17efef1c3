using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Privacy;

public sealed class ImmutablePayloadTests
{
    [Fact]
    public async Task Updates_may_add_output_and_change_metadata_but_never_change_written_input_or_output()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        var create = Event("trace-create", new JsonObject { ["id"] = "t1", ["input"] = "question", ["metadata"] = new JsonObject { ["k"] = "v1" } });
        // The SDKs' upsert: the same input again, with the output that was not set yet.
        var upsert = Event("trace-create", new JsonObject { ["id"] = "t1", ["input"] = "question", ["output"] = "answer" }, T0.AddSeconds(1));
        var rewrite = Event("trace-create", new JsonObject
        {
            ["id"] = "t1", ["input"] = "forged question", ["output"] = "forged answer", ["metadata"] = new JsonObject { ["k"] = "v2" },
            ["tags"] = new JsonArray("reviewed"),
        }, T0.AddSeconds(2));
        var generation = Event("generation-create", new JsonObject { ["id"] = "g1", ["traceId"] = "t1", ["input"] = new JsonObject { ["prompt"] = "p" } }, T0);
        var completion = Event("generation-update", new JsonObject { ["id"] = "g1", ["traceId"] = "t1", ["output"] = new JsonObject { ["text"] = "c" } }, T0.AddSeconds(1));
        var generationRewrite = Event("generation-update", new JsonObject { ["id"] = "g1", ["traceId"] = "t1", ["output"] = new JsonObject { ["text"] = "other" }, ["level"] = "WARNING" }, T0.AddSeconds(2));

        foreach (var batch in new JsonObject[][] { [create, generation], [upsert, completion], [rewrite, generationRewrite], [create, upsert, completion] })
        {
            var (response, body) = await http.PostAsync(batch);
            Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
            Assert.Empty(body!["errors"]!.AsArray());
        }

        var trace = (await http.GetFromJsonAsync<JsonObject>("/api/public/traces/t1"))!;
        Assert.Equal("question", (string)trace["input"]!);
        Assert.Equal("answer", (string)trace["output"]!);
        Assert.Equal("v2", (string)trace["metadata"]!["k"]!);
        Assert.Equal(["reviewed"], trace["tags"]!.AsArray().Select(t => (string)t!));
        var observation = (await http.GetFromJsonAsync<JsonObject>("/api/public/observations/g1"))!;
        Assert.Equal("c", (string)observation["output"]!["text"]!);
        Assert.Equal("WARNING", (string)observation["level"]!);

        var metrics = await app.CreateClient().GetStringAsync("/metrics");
        foreach (var (kind, field) in new[] { ("trace", "input"), ("trace", "output"), ("observation", "output") })
        {
            Assert.Contains($"lantern_ingestion_payload_rewrites_ignored_total{{field=\"{field}\",kind=\"{kind}\",project=\"{LanternApp.ProjectId}\"}} 1\n", metrics, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("lantern_ingestion_payload_rewrites_ignored_total{field=\"input\",kind=\"observation\"", metrics, StringComparison.Ordinal);
    }
}
