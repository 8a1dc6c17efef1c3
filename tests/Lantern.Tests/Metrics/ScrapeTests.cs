using Lantern.Contracts.Runtime;
using Lantern.Grains.Rollups;
using Lantern.Silo.Metrics;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Metrics;

public sealed class ScrapeTests
{
    [Fact]
    public async Task A_node_scrape_passes_promtool_and_has_grain_http_runtime_and_process_metrics()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient();
        await Eventually.TrueAsync(async () => (await http.GetAsync("/health/ready")).IsSuccessStatusCode, "the node is ready");
        await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IProjectGrain>(LanternApp.ProjectId + "/").GetSummaryAsync(null, null);

        var response = await http.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(ExpositionNegotiation.TextContentType, response.Content.Headers.ContentType!.ToString());
        Assert.Matches("""(?m)^lantern_grain_turns_total\{grain_type="\w*Project\w*",outcome="\w+"\} 1$""", body);
        Assert.Matches("""(?m)^lantern_grain_activations\{grain_type="\w*Project\w*"\} 1$""", body);
        Assert.Matches("""(?m)^http_server_request_duration_seconds_count\{.*http_route="/health/ready".*\} \d+$""", body);
        Assert.Matches("""(?m)^dotnet_gc_heap_total_allocated_bytes_total \d+""", body);
        Assert.Matches("""(?m)^dotnet_thread_pool_thread_count_total \d+""", body);
        Assert.Matches("""(?m)^process_resident_memory_bytes \d+""", body);
        Assert.Matches("""(?m)^process_cpu_seconds_total [\d.E+-]+$""", body);
        Assert.Matches("""(?m)^process_start_time_seconds \d+""", body);
        var (exitCode, output) = await PromTool.RunAsync(["check", "metrics"], body);
        Assert.True(exitCode == 0 && output.Length == 0, "promtool check metrics:\n" + output);
    }

    [Fact]
    public async Task A_scraper_asking_for_openmetrics_gets_it()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");

        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(ExpositionNegotiation.OpenMetricsContentType, response.Content.Headers.ContentType!.ToString());
        Assert.EndsWith("\n# EOF\n", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE process_cpu_seconds counter\n", body, StringComparison.Ordinal);
        Assert.Contains("# UNIT process_cpu_seconds seconds\n", body, StringComparison.Ordinal);
    }
}
