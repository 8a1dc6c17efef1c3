using System.Globalization;

namespace Lantern.IngestBench;

/// <summary>
/// The node's own ack latency histogram for <c>POST /api/public/ingestion</c> (<c>lantern_ingestion_ack_duration_seconds</c>),
/// from body read to response written: beside the client's figure, which also holds the client's own stalls (its GC, its
/// threads waiting for a core on a box it shares), it says how much of a tail is the server's.
/// </summary>
internal sealed record ServerAckHistogram(double[] Bounds, double[] Cumulative)
{
    private const string Bucket = "lantern_ingestion_ack_duration_seconds_bucket{endpoint=\"ingestion\",le=\"";

    public static async Task<ServerAckHistogram> ScrapeAsync(HttpClient http)
    {
        var lines = (await http.GetStringAsync("/metrics")).Split('\n').Where(l => l.StartsWith(Bucket, StringComparison.Ordinal));
        var buckets = lines
            .Select(l => (Le: l[Bucket.Length..l.IndexOf('"', Bucket.Length)], Count: double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)))
            .Select(b => (Bound: b.Le == "+Inf" ? double.PositiveInfinity : double.Parse(b.Le, CultureInfo.InvariantCulture), b.Count))
            .OrderBy(b => b.Bound)
            .ToArray();
        return new ServerAckHistogram([.. buckets.Select(b => b.Bound)], [.. buckets.Select(b => b.Count)]);
    }

    /// <summary>The acks between the two scrapes (the series only appears with the first ack, so an empty one counts as zero).</summary>
    public ServerAckHistogram Minus(ServerAckHistogram before) =>
        new(Bounds, [.. Cumulative.Select((count, i) => count - (before.Cumulative.Length == Cumulative.Length ? before.Cumulative[i] : 0))]);

    public double Count => Cumulative.Length == 0 ? 0 : Cumulative[^1];

    /// <summary>The share of acks that took at most <paramref name="seconds"/> (a bucket bound).</summary>
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
