using System.Diagnostics.Metrics;

namespace Lantern.Silo.Metrics;

/// <summary>Histogram bucket bounds: the instrument's advice when it gives some, Prometheus' defaults otherwise.</summary>
public static class HistogramBuckets
{
    public static IReadOnlyList<double> Default { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public static IReadOnlyList<double> For(Instrument instrument)
    {
        IEnumerable<double>? advised = instrument switch
        {
            Instrument<double> d => d.Advice?.HistogramBucketBoundaries,
            Instrument<float> f => f.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Instrument<long> l => l.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Instrument<int> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Instrument<decimal> m => m.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            _ => null,
        };
        var bounds = advised?.Where(double.IsFinite).Distinct().Order().ToArray();
        return bounds is { Length: > 0 } ? bounds : Default;
    }
}
