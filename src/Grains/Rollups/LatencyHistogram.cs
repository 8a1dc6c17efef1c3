namespace Lantern.Grains.Rollups;

/// <summary>
/// Fixed latency buckets (seconds) for percentiles that stay mergeable across traces and hours: p50/p95 are read by
/// interpolating inside the bucket, so they are exact to the bucket's width, not to the millisecond.
/// </summary>
public static class LatencyHistogram
{
    public static readonly double[] Bounds =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 20, 30, 45, 60, 120, 300, 600];

    /// <summary>Buckets including the last, open one.</summary>
    public static int Size => Bounds.Length + 1;

    public static int BucketOf(double seconds)
    {
        var index = Array.BinarySearch(Bounds, seconds);
        return index >= 0 ? index : ~index;
    }

    /// <summary>The q-quantile (0..1) of the counts, or null when empty.</summary>
    public static double? Quantile(IReadOnlyList<long> counts, double q)
    {
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = q * total;
        long seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] == 0 || seen + counts[i] < rank)
            {
                seen += counts[i];
                continue;
            }

            var lower = i == 0 ? 0 : Bounds[i - 1];
            var upper = i < Bounds.Length ? Bounds[i] : Bounds[^1] * 2;
            return lower + ((upper - lower) * (rank - seen) / counts[i]);
        }

        return Bounds[^1];
    }
}
