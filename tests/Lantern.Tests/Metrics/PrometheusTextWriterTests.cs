using Lantern.Silo.Metrics;

namespace Lantern.Tests.Metrics;

public sealed class PrometheusTextWriterTests
{
    private const string Families = """
        # HELP lantern_queue_depth Messages waiting.
        # TYPE lantern_queue_depth gauge
        lantern_queue_depth 7
        # HELP lantern_requests_total Requests \\ handled\nby "route".
        # TYPE lantern_requests_total counter
        lantern_requests_total{code="200",route="/a\"b\\c\nd"} 3
        # HELP lantern_wait_seconds Wait time.
        # TYPE lantern_wait_seconds histogram
        lantern_wait_seconds_bucket{le="0.5"} 1
        lantern_wait_seconds_bucket{le="1.0"} 2
        lantern_wait_seconds_bucket{le="+Inf"} 3
        lantern_wait_seconds_sum 7.5
        lantern_wait_seconds_count 3

        """;

    private const string OpenMetricsFamilies = """
        # HELP lantern_queue_depth Messages waiting.
        # TYPE lantern_queue_depth gauge
        lantern_queue_depth 7
        # HELP lantern_requests Requests \\ handled\nby \"route\".
        # TYPE lantern_requests counter
        lantern_requests_total{code="200",route="/a\"b\\c\nd"} 3
        # HELP lantern_wait_seconds Wait time.
        # TYPE lantern_wait_seconds histogram
        # UNIT lantern_wait_seconds seconds
        lantern_wait_seconds_bucket{le="0.5"} 1
        lantern_wait_seconds_bucket{le="1.0"} 2
        lantern_wait_seconds_bucket{le="+Inf"} 3
        lantern_wait_seconds_sum 7.5
        lantern_wait_seconds_count 3
        # EOF

        """;

    [Fact]
    public void Text_format_has_help_type_escaped_labels_sorted_families_and_cumulative_buckets_ending_in_inf()
    {
        Assert.Equal(Families.ReplaceLineEndings("\n"), Write(SmallRegistry(), ExpositionFormat.Text));
    }

    [Fact]
    public void OpenMetrics_names_counter_families_without_total_adds_units_and_ends_with_eof()
    {
        Assert.Equal(OpenMetricsFamilies.ReplaceLineEndings("\n"), Write(SmallRegistry(), ExpositionFormat.OpenMetrics));
    }

    [Fact]
    public void Families_without_series_are_left_out()
    {
        var registry = new MetricRegistry(10);
        registry.GetOrAdd("lantern_idle_total", "Nothing yet.", MetricKind.Counter);

        Assert.Equal("", Write(registry, ExpositionFormat.Text));
    }

    [Theory]
    [InlineData(null, ExpositionFormat.Text)]
    [InlineData("text/plain;version=0.0.4", ExpositionFormat.Text)]
    [InlineData("*/*", ExpositionFormat.Text)]
    [InlineData("application/openmetrics-text", ExpositionFormat.OpenMetrics)]
    [InlineData("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", ExpositionFormat.OpenMetrics)]
    [InlineData("application/openmetrics-text;version=0.0.1", ExpositionFormat.Text)]
    [InlineData("application/openmetrics-text; version=1.0.0; q=0", ExpositionFormat.Text)]
    public void The_format_follows_the_scrapers_accept_header(string? accept, ExpositionFormat expected)
    {
        Assert.Equal(expected, ExpositionNegotiation.Negotiate(accept));
    }

    [Theory]
    [InlineData("lantern.ingestion.events", "{event}", MetricKind.Counter, "lantern_ingestion_events_total")]
    [InlineData("lantern_grain_turns_total", null, MetricKind.Counter, "lantern_grain_turns_total")]
    [InlineData("lantern_storage_flush_duration_seconds", "s", MetricKind.Histogram, "lantern_storage_flush_duration_seconds")]
    [InlineData("http.server.request.duration", "s", MetricKind.Histogram, "http_server_request_duration_seconds")]
    [InlineData("dotnet.gc.heap.total_allocated", "By", MetricKind.Counter, "dotnet_gc_heap_total_allocated_bytes_total")]
    [InlineData("process_cpu_seconds_total", "s", MetricKind.Counter, "process_cpu_seconds_total")]
    [InlineData("lantern_llm_cost_usd_total", "USD", MetricKind.Counter, "lantern_llm_cost_usd_total")]
    [InlineData("dotnet.timer.count", "{timer}", MetricKind.Gauge, "dotnet_timer_count_value")]
    [InlineData("9-lives metric", null, MetricKind.Gauge, "_9_lives_metric")]
    public void Instrument_names_and_units_map_to_prometheus_names(string instrument, string? unit, MetricKind kind, string expected)
    {
        Assert.Equal(expected, PrometheusNames.MetricName(instrument, unit, kind));
    }

    private static MetricRegistry SmallRegistry()
    {
        var registry = new MetricRegistry(10);
        registry.GetOrAdd("lantern_requests_total", "Requests \\ handled\nby \"route\".", MetricKind.Counter)!
            .Add(3, [new("route", "/a\"b\\c\nd"), new("code", 200)]);
        registry.GetOrAdd("lantern_queue_depth", "Messages waiting.", MetricKind.Gauge)!.Set(7, []);
        var wait = registry.GetOrAdd("lantern_wait_seconds", "Wait time.", MetricKind.Histogram, [0.5, 1])!;
        foreach (var seconds in new[] { 0.25, 1, 6.25 })
        {
            wait.Observe(seconds, []);
        }

        return registry;
    }

    private static string Write(MetricRegistry registry, ExpositionFormat format)
    {
        var text = new StringWriter();
        PrometheusTextWriter.Write(text, registry.Families, format);
        return text.ToString();
    }
}
