using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Datasets;

public sealed class RunComparisonTests
{
    [Fact]
    public async Task Two_runs_compare_per_item_and_in_aggregate_on_the_scores_latency_and_cost_of_their_traces()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        var ct = TestContext.Current.CancellationToken;
        await http.PostAsJsonAsync("/api/public/v2/datasets", new { name = "qa" }, ct);
        foreach (var item in new[] { "i1", "i2" })
        {
            await http.PostAsJsonAsync("/api/public/dataset-items", new { datasetName = "qa", id = item }, ct);
        }

        // Run "base" answers both items; run "new" answers only i1, faster, cheaper and better.
        await RunAsync(http, "base", "i1", "b1", seconds: 4, cost: 0.02m, accuracy: 0.5);
        await RunAsync(http, "base", "i2", "b2", seconds: 2, cost: 0.04m, accuracy: 0.7);
        await RunAsync(http, "new", "i1", "n1", seconds: 1, cost: 0.01m, accuracy: 0.9);

        var comparison = await http.GetFromJsonAsync<JsonObject>("/api/public/datasets/qa/run-comparison?runs=base,new", ct);
        var tooFew = await http.GetAsync("/api/public/datasets/qa/run-comparison?runs=base", ct);
        var unknownRun = await http.GetAsync("/api/public/datasets/qa/run-comparison?runs=base,nope", ct);

        var runs = comparison!["runs"]!.AsArray().ToDictionary(r => (string)r!["run"]!);
        Assert.Equal((2, 3.0, 0.06m, 0.6), ((int)runs["base"]!["items"]!, (double)runs["base"]!["averageLatencySeconds"]!,
            (decimal)runs["base"]!["totalCost"]!, Math.Round((double)runs["base"]!["averageScores"]!["accuracy"]!, 6)));
        Assert.Equal((1, 1.0, 0.01m, 0.9), ((int)runs["new"]!["items"]!, (double)runs["new"]!["averageLatencySeconds"]!,
            (decimal)runs["new"]!["totalCost"]!, (double)runs["new"]!["averageScores"]!["accuracy"]!));
        var items = comparison["items"]!.AsArray().ToDictionary(i => (string)i!["datasetItemId"]!);
        Assert.Equal(["base", "new"], items["i1"]!["runs"]!.AsObject().Select(r => r.Key).Order());
        Assert.Equal("n1", (string)items["i1"]!["runs"]!["new"]!["traceId"]!);
        Assert.Equal(["base"], items["i2"]!["runs"]!.AsObject().Select(r => r.Key));
        Assert.Equal(HttpStatusCode.BadRequest, tooFew.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
    }

    private static async Task RunAsync(HttpClient http, string run, string item, string traceId, int seconds, decimal cost, double accuracy)
    {
        await http.PostAsync(
            Event("trace-create", new JsonObject { ["id"] = traceId }),
            Event("generation-create", new JsonObject
            {
                ["id"] = $"{traceId}-g", ["traceId"] = traceId, ["startTime"] = Iso(T0), ["endTime"] = Iso(T0.AddSeconds(seconds)),
                ["costDetails"] = new JsonObject { ["total"] = cost },
            }),
            Event("score-create", new JsonObject { ["id"] = $"{traceId}-s", ["traceId"] = traceId, ["name"] = "accuracy", ["value"] = accuracy }));
        var link = await http.PostAsJsonAsync("/api/public/dataset-run-items", new { runName = run, datasetItemId = item, traceId }, TestContext.Current.CancellationToken);
        Assert.True(link.IsSuccessStatusCode, await link.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
