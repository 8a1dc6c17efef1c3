using System.Net;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Metrics;

public sealed class RealPrometheusTests
{
    [Fact]
    public async Task A_real_prometheus_scrapes_a_running_node_and_its_query_api_returns_the_ingested_counts_and_cost()
    {
        await using var node = await RunningNode.StartAsync();
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{node.Port}");
        var traces = Enumerable.Range(0, 5).Select(i => LangfuseBatch.Event("trace-create", new JsonObject { ["id"] = $"trace-{i}", ["name"] = "scraped" }));
        // Two gpt-4o generations of 1,000 input and 500 output tokens: $0.0075 each at $2.50/M input and $10/M output.
        var generations = Enumerable.Range(0, 2).Select(i => LangfuseBatch.Event("generation-create", new JsonObject
        {
            ["id"] = $"generation-{i}", ["traceId"] = $"trace-{i}", ["model"] = "gpt-4o",
            ["usageDetails"] = new JsonObject { ["input"] = 1000, ["output"] = 500 },
        }));
        var (response, _) = await node.Http.Authorized().PostAsync([.. traces, .. generations]);
        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);

        await Eventually.TrueAsync(
            async () => await prometheus.QueryAsync("""sum(lantern_ingestion_events_total{job="lantern",outcome="stored"})""") is [{ Value: 7 }]
                && await prometheus.QueryAsync("""lantern_llm_generations_total{job="lantern"}""") is [{ Value: 2 }],
            "Prometheus has scraped the node after the workload", TimeSpan.FromMinutes(1));

        Assert.Equal(1, Assert.Single(await prometheus.QueryAsync("""up{job="lantern"}""")).Value);
        var build = Assert.Single(await prometheus.QueryAsync("""lantern_build_info{job="lantern"}"""));
        Assert.Equal(1, build.Value);
        Assert.Equal($"127.0.0.1:{node.Port}", build.Labels["instance"]);
        Assert.Matches(@"^\d+\.\d+\.\d+", build.Labels["version"]);
        var stored = Assert.Single(await prometheus.QueryAsync("""lantern_ingestion_events_total{job="lantern",event_type="trace-create"}"""));
        Assert.Equal(("trace-create", "stored", LanternApp.ProjectId), (stored.Labels["event_type"], stored.Labels["outcome"], stored.Labels["project"]));
        Assert.Single(await prometheus.QueryAsync("""lantern_ingestion_ack_duration_seconds_count{job="lantern",endpoint="ingestion"} == 1"""));
        Assert.Single(await prometheus.QueryAsync("""sum(lantern_storage_flush_rows_total{job="lantern",table="traces"}) >= 5"""));
        var cost = Assert.Single(await prometheus.QueryAsync("""lantern_llm_cost_usd_total{job="lantern"}"""));
        Assert.Equal(("gpt-4o", LanternApp.ProjectId), (cost.Labels["model"], cost.Labels["project"]));
        Assert.Equal(0.015, cost.Value, 9);
        Assert.Equal(2000, Assert.Single(await prometheus.QueryAsync("""lantern_llm_tokens_total{job="lantern",token_type="input"}""")).Value);
        Assert.Equal(2, Assert.Single(await prometheus.QueryAsync("""lantern_llm_generations_total{job="lantern"}""")).Value);
        Assert.Single(await prometheus.QueryAsync("""process_resident_memory_bytes{job="lantern"} > 0"""));
        Assert.Empty(await prometheus.QueryAsync("""ALERTS{alertname="LanternTargetDown"}"""));
    }
}
