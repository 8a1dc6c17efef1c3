using System.Net;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Metrics;

public sealed class RealPrometheusTests
{
    [Fact]
    public async Task A_real_prometheus_scrapes_a_running_node_and_its_query_api_returns_the_ingested_counts()
    {
        await using var node = await RunningNode.StartAsync();
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{node.Port}");
        var traces = Enumerable.Range(0, 5).Select(i => LangfuseBatch.Event("trace-create", new JsonObject { ["id"] = $"trace-{i}", ["name"] = "scraped" }));
        var (response, _) = await node.Http.Authorized().PostAsync([.. traces]);
        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);

        await Eventually.TrueAsync(
            async () => await prometheus.QueryAsync("""sum(lantern_ingestion_events_total{job="lantern",outcome="stored"})""") is [{ Value: 5 }],
            "Prometheus has scraped the node after the workload", TimeSpan.FromMinutes(1));

        Assert.Equal(1, Assert.Single(await prometheus.QueryAsync("""up{job="lantern"}""")).Value);
        var build = Assert.Single(await prometheus.QueryAsync("""lantern_build_info{job="lantern"}"""));
        Assert.Equal(1, build.Value);
        Assert.Equal($"127.0.0.1:{node.Port}", build.Labels["instance"]);
        Assert.Matches(@"^\d+\.\d+\.\d+", build.Labels["version"]);
        var stored = Assert.Single(await prometheus.QueryAsync("""lantern_ingestion_events_total{job="lantern"}"""));
        Assert.Equal(("trace-create", "stored", LanternApp.ProjectId), (stored.Labels["event_type"], stored.Labels["outcome"], stored.Labels["project"]));
        Assert.Single(await prometheus.QueryAsync("""lantern_ingestion_ack_duration_seconds_count{job="lantern",endpoint="ingestion"} == 1"""));
        Assert.Single(await prometheus.QueryAsync("""sum(lantern_storage_flush_rows_total{job="lantern",table="traces"}) >= 5"""));
        Assert.Single(await prometheus.QueryAsync("""process_resident_memory_bytes{job="lantern"} > 0"""));
        Assert.Empty(await prometheus.QueryAsync("""ALERTS{alertname="LanternTargetDown"}"""));
    }
}
