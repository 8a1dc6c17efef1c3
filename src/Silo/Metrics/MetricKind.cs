namespace Lantern.Silo.Metrics;

/// <summary>The Prometheus type a family is exposed as.</summary>
public enum MetricKind
{
    /// <summary>Monotonic: Counter and ObservableCounter instruments.</summary>
    Counter,

    /// <summary>Current value: gauges and up-down counters.</summary>
    Gauge,

    /// <summary>Explicit-bucket histogram.</summary>
    Histogram,
}
