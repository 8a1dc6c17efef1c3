using System.Globalization;

namespace Lantern.IngestBench;

/// <summary>
/// One of the node's latency histograms on <c>/metrics</c>, as the buckets of one series: the ack latency of
/// <c>POST /api/public/ingestion</c> as the node measures it (body read to response written; the client's figure also holds
/// the client's own stalls on a box it shares) and the group commit's duration, which say where a tail comes from.
/// </summary>
internal sealed record ServerHistogram(double[] Bounds, double[] Cumulative)
{
    public const string Acks = "lantern_ingestion_ack_duration_seconds_bucket{endpoint=\"ingestion\",le=\"";
    public const string Commits = "lantern_storage_flush_duration_seconds_bucket{table=\"traces\",le=\"";

    /// <summary>The buckets of the series whose lines start with <paramref name="bucket"/> (up to the <c>le</c> value).</summary>
    public static async Task<ServerHistogram> ScrapeAsync(HttpClient http, string bucket)
    {
        var lines = (await http.GetStringAsync("/metrics")).Split('\n').Where(l => l.StartsWith(bucket, StringComparison.Ordinal));
        var buckets = lines
            .Select(l => (Le: l[bucket.Length..l.IndexOf('"', bucket.Length)], Count: double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)))
            .Select(b => (Bound: b.Le == "+Inf" ? double.PositiveInfinity : double.Parse(b.Le, CultureInfo.InvariantCulture), b.Count))
            .OrderBy(b => b.Bound)
            .ToArray();
        return new ServerHistogram([.. buckets.Select(b => b.Bound)], [.. buckets.Select(b => b.Count)]);
    }

    /// <summary>The observations between the two scrapes (the series only appears with the first ack, so an empty one counts as zero).</summary>
    public ServerHistogram Minus(ServerHistogram before) =>
        new(Bounds, [.. Cumulative.Select((count, i) => count - (before.Cumulative.Length == Cumulative.Length ? before.Cumulative[i] : 0))]);

    public double Count => Cumulative.Length == 0 ? 0 : Cumulative[^1];

    /// <summary>The share of observations of at most <paramref name="seconds"/> (a bucket bound).</summary>
    public double ShareWithin(double seconds)
    {
        var i = Array.IndexOf(Bounds, seconds);
        return i < 0 || Count == 0 ? double.NaN : Cumulative[i] / Count;
    }

    /// <summary>The quantile interpolated inside its bucket, as Prometheus's <c>histogram_quantile</c> computes it.</summary>
    public double Quantile(double q)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = q * Count;
        var i = Array.FindIndex(Cumulative, c => c >= rank);
        if (double.IsPositiveInfinity(Bounds[i]))
        {
            return Bounds[^2];
        }

        var (lower, below) = i == 0 ? (0.0, 0.0) : (Bounds[i - 1], Cumulative[i - 1]);
        var inBucket = Cumulative[i] - below;
        return inBucket == 0 ? Bounds[i] : lower + ((Bounds[i] - lower) * (rank - below) / inBucket);
    }
}
