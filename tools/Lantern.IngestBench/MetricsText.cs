using System.Globalization;

namespace Lantern.IngestBench;

/// <summary>One scrape of the node's <c>/metrics</c> (Prometheus text format), read as sums of series.</summary>
internal sealed class MetricsText(string[] lines)
{
    public static async Task<MetricsText> ScrapeAsync(HttpClient http) => new((await http.GetStringAsync("/metrics")).Split('\n'));

    /// <summary>Whether the node exports a series whose line starts with <paramref name="prefix"/>.</summary>
    public bool Has(string prefix) => lines.Any(l => l.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The sum of the series whose line starts with <paramref name="prefix"/> (and contains <paramref name="label"/>).</summary>
    public double Sum(string prefix, string? label = null) => lines
        .Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && (label is null || l.Contains(label, StringComparison.Ordinal)))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
