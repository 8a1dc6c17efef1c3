namespace Lantern.Tests.Metrics;

public sealed class RealPrometheusTests
{
    [Fact]
    public async Task A_real_prometheus_scrapes_a_running_node_and_its_query_api_returns_lantern_and_http_series()
    {
        await using var node = await RunningNode.StartAsync();
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{node.Port}");
        for (var i = 0; i < 5; i++)
        {
            (await node.Http.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        }

        await Infrastructure.Eventually.TrueAsync(
            async () => await prometheus.QueryAsync("""sum(http_server_request_duration_seconds_count{job="lantern",http_route="/health/ready"})""") is [{ Value: >= 6 }],
            "Prometheus has scraped the node after the workload", TimeSpan.FromMinutes(1));

        Assert.Equal(1, Assert.Single(await prometheus.QueryAsync("""up{job="lantern"}""")).Value);
        var build = Assert.Single(await prometheus.QueryAsync("""lantern_build_info{job="lantern"}"""));
        Assert.Equal(1, build.Value);
        Assert.Equal($"127.0.0.1:{node.Port}", build.Labels["instance"]);
        Assert.Matches(@"^\d+\.\d+\.\d+", build.Labels["version"]);
        Assert.Single(await prometheus.QueryAsync("""process_resident_memory_bytes{job="lantern"} > 0"""));
        Assert.Empty(await prometheus.QueryAsync("""ALERTS{alertname="LanternTargetDown"}"""));
    }
}
