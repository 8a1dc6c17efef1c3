namespace Lantern.Silo.Metrics;

/// <summary>Exporter settings. The label-set cap keeps a flood of distinct label values (model names) bounded.</summary>
public sealed class MetricsOptions
{
    public const string MaxLabelSetsKey = "LANTERN_METRICS_MAX_LABEL_SETS";

    /// <summary>Label sets kept per metric; measurements with new label sets beyond it fold into <c>other</c>.</summary>
    public int MaxLabelSetsPerMetric { get; set; } = 1000;

    /// <summary>Export the process-wide .NET runtime meter (GC, thread pool, memory).</summary>
    public bool IncludeRuntimeMetrics { get; set; } = true;
}
