using System.Net;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Metrics;

/// <summary>
/// <c>lantern_ingestion_events_total</c> counts every event of a batch under its type and outcome, though a request records
/// one measurement per type.
/// </summary>
public sealed class IngestionEventCountTests
{
    [Fact]
    public async Task A_batch_counts_each_event_under_its_type_and_outcome()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient();
        await Eventually.TrueAsync(async () => (await http.GetAsync("/health/ready")).IsSuccessStatusCode, "the node is ready");

        var (response, _) = await http.Authorized().PostAsync(
            LangfuseBatch.Event("trace-create", new JsonObject { ["id"] = "count-1" }),
            LangfuseBatch.Event("span-create", new JsonObject { ["id"] = "count-span-1", ["traceId"] = "count-1" }),
            LangfuseBatch.Event("trace-create", new JsonObject { ["id"] = "count-2" }),
            LangfuseBatch.Event("span-create", new JsonObject { ["id"] = "count-span-2", ["traceId"] = "count-2" }),
            LangfuseBatch.Event("trace-create", new JsonObject { ["id"] = "count-3" }),
            LangfuseBatch.Event("generation-create", new JsonObject { ["id"] = "count-generation", ["traceId"] = "count-3" }),
            LangfuseBatch.Event("span-create", new JsonObject { ["traceId"] = "count-3" }),
            LangfuseBatch.Event("trace-create", new JsonObject { ["id"] = "count-4" }));
        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);

        var lines = (await http.GetStringAsync("/metrics")).Split('\n');
        string Count(string type, string outcome) =>
            $"lantern_ingestion_events_total{{event_type=\"{type}\",outcome=\"{outcome}\",project=\"{LanternApp.ProjectId}\"}}";
        Assert.Contains(Count("trace-create", "stored") + " 4", lines);
        Assert.Contains(Count("span-create", "stored") + " 2", lines);
        Assert.Contains(Count("generation-create", "stored") + " 1", lines);
        Assert.Contains("lantern_ingestion_events_total{event_type=\"invalid\",outcome=\"invalid\",project=\"" + LanternApp.ProjectId + "\"} 1", lines);
    }
}
