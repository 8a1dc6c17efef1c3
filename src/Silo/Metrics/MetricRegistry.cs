using System.Collections.Concurrent;

namespace Lantern.Silo.Metrics;

/// <summary>The metric families of one exporter, by Prometheus name.</summary>
public sealed class MetricRegistry(int maxLabelSetsPerMetric, Action<MetricFamily>? folded = null)
{
    private readonly ConcurrentDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);

    /// <summary>
    /// The family named <paramref name="name"/>, created on first use. Null when the name is taken by a family of
    /// another kind: two instruments cannot share a Prometheus name with different types.
    /// </summary>
    public MetricFamily? GetOrAdd(string name, string help, MetricKind kind, IReadOnlyList<double>? bounds = null)
    {
        var family = _families.GetOrAdd(name, _ => new MetricFamily(
            name, help, kind, kind == MetricKind.Histogram ? bounds ?? HistogramBuckets.Default : [], maxLabelSetsPerMetric, f => folded?.Invoke(f)));
        return family.Kind == kind ? family : null;
    }

    public IReadOnlyList<MetricFamily> Families => [.. _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];
}
