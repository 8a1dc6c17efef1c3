using System.Globalization;

namespace Lantern.IngestBench;

/// <summary>
/// One of the node's latency histograms on <c>/metrics</c>, as its buckets: the ack latency of <c>POST /api/public/ingestion</c>
/// as the node measures it (body read to response written; the client's figure also holds the client's own stalls on a box
/// it shares), the group commit's duration and the rollup reads' durations, which say where a tail comes from.
/// </summary>
internal sealed record ServerHistogram(double[] Bounds, double[] Cumulative)
{
    public const string Acks = "lantern_ingestion_ack_duration_seconds_bucket{endpoint=\"ingestion\",le=\"";
    public const string Commits = "lantern_storage_flush_duration_seconds_bucket{table=\"traces\",le=\"";

    /// <summary>The buckets of the series whose lines start with <paramref name="bucket"/> (up to the <c>le</c> value).</summary>
    public static Task<ServerHistogram> ScrapeAsync(HttpClient http, string bucket) =>
        ScrapeAsync(http, line => line.StartsWith(bucket, StringComparison.Ordinal));

    /// <summary>
    /// The node's request duration histogram (<c>http_server_request_duration_seconds</c>) of the GETs of one route, summed
    /// over its series (status codes): what the node spent answering a read, without the client's own stalls.
    /// </summary>
    public static Task<ServerHistogram> ScrapeReadsAsync(HttpClient http, string route)
    {
        string[] labels = ["http_request_method=\"GET\"", $"http_route=\"{route}\""];
        return ScrapeAsync(http, line => line.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal) &&
            labels.All(label => line.Contains(label, StringComparison.Ordinal)));
    }

    // The bucket lines chosen, summed per bound across the series they belong to.
    private static async Task<ServerHistogram> ScrapeAsync(HttpClient http, Func<string, bool> chosen)
    {
        var buckets = (await http.GetStringAsync("/metrics")).Split('\n')
            .Where(chosen)
            .GroupBy(Bound, line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .Select(g => (Bound: g.Key, Count: g.Sum()))
            .OrderBy(b => b.Bound)
            .ToArray();
        return new ServerHistogram([.. buckets.Select(b => b.Bound)], [.. buckets.Select(b => b.Count)]);
    }

    // The le label's value (a whole label: "table=" holds "le=" too).
    private static double Bound(string line)
    {
        var label = line.IndexOf(",le=\"", StringComparison.Ordinal) is var comma and >= 0 ? comma : line.IndexOf("{le=\"", StringComparison.Ordinal);
        var start = label + 5;
        var le = line[start..line.IndexOf('"', start)];
        return le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
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
