namespace Lantern.Silo.Metrics;

/// <summary>What a measurement does to its series, decided once per instrument.</summary>
public enum MeasurementOperation
{
    /// <summary>Counters and up-down counters report deltas.</summary>
    Add,

    /// <summary>Gauges and observable instruments report the current (for counters: cumulative) value.</summary>
    Set,

    /// <summary>Histograms count the value into a bucket.</summary>
    Observe,
}
