namespace Lantern.IngestBench;

/// <summary>
/// The group commit's own Prometheus series (commits, seconds spent committing, rows per table), scraped from the node's
/// <c>/metrics</c> before and after the load: how many writes share a commit and how busy the single committer is. The
/// runtime's GC series say how much the node allocates per event and how long its collections paused it (the node's own
/// series how many of them it ran between requests), and its JIT series how long it spent compiling (near zero once warmed
/// up).
/// </summary>
internal sealed record ServerMetrics(
    double Commits, double CommitSeconds, double TraceRows, double ObservationRows, double RollupRows,
    double AllocatedBytes, double Collections, double Gen1Collections, double Gen2Collections, double IdleCollections, double GcPauseSeconds, double JitSeconds)
{
    public static async Task<ServerMetrics> ScrapeAsync(HttpClient http)
    {
        var metrics = await MetricsText.ScrapeAsync(http);
        double Sum(string prefix) => metrics.Sum(prefix);
        return new ServerMetrics(
            Sum("lantern_storage_flush_duration_seconds_count{table=\"traces\"}"),
            Sum("lantern_storage_flush_duration_seconds_sum{table=\"traces\"}"),
            Sum("lantern_storage_flush_rows_total{table=\"traces\"}"),
            Sum("lantern_storage_flush_rows_total{table=\"observations\"}"),
            Sum("lantern_storage_flush_rows_total{table=\"rollups\"}"),
            Sum("dotnet_gc_heap_total_allocated_bytes_total "),
            Sum("dotnet_gc_collections_total{"),
            Sum("dotnet_gc_collections_total{gc_heap_generation=\"gen1\"}"),
            Sum("dotnet_gc_collections_total{gc_heap_generation=\"gen2\"}"),
            Sum("lantern_gc_idle_collections_total "),
            Sum("dotnet_gc_pause_time_seconds_total "),
            Sum("dotnet_jit_compilation_time_seconds_total "));
    }

    public ServerMetrics Minus(ServerMetrics before) => new(
        Commits - before.Commits, CommitSeconds - before.CommitSeconds, TraceRows - before.TraceRows,
        ObservationRows - before.ObservationRows, RollupRows - before.RollupRows, AllocatedBytes - before.AllocatedBytes,
        Collections - before.Collections, Gen1Collections - before.Gen1Collections,
        Gen2Collections - before.Gen2Collections, IdleCollections - before.IdleCollections, GcPauseSeconds - before.GcPauseSeconds, JitSeconds - before.JitSeconds);
}
