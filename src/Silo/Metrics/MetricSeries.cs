namespace Lantern.Silo.Metrics;

/// <summary>One time series: a value (counter, gauge) or cumulative-to-be bucket counts, sum and count (histogram).</summary>
public sealed class MetricSeries(LabelSet labels, int bucketCount)
{
    private readonly Lock _lock = new();
    private readonly long[] _buckets = new long[bucketCount + 1];
    private double _value;
    private double _sum;
    private long _count;

    public LabelSet Labels => labels;

    public void Add(double delta)
    {
        lock (_lock)
        {
            _value += delta;
        }
    }

    public void Set(double value)
    {
        lock (_lock)
        {
            _value = value;
        }
    }

    /// <summary>Counts <paramref name="value"/> in the first bucket whose upper bound is at least it (the last is +Inf).</summary>
    public void Observe(double value, IReadOnlyList<double> bounds)
    {
        var index = 0;
        while (index < bounds.Count && value > bounds[index])
        {
            index++;
        }

        lock (_lock)
        {
            _buckets[index]++;
            _sum += value;
            _count++;
        }
    }

    public SeriesSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new SeriesSnapshot(labels, _value, [.. _buckets], _sum, _count);
        }
    }
}
