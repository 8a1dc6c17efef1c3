using System.Globalization;

namespace Lantern.Silo.Metrics;

/// <summary>Picks the format from the scraper's Accept header, the way Prometheus' own client libraries do.</summary>
public static class ExpositionNegotiation
{
    public const string TextContentType = "text/plain; version=0.0.4; charset=utf-8";
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /// <summary>OpenMetrics when an acceptable (q &gt; 0) entry names it with version 1.0.0 or none; text otherwise.</summary>
    public static ExpositionFormat Negotiate(string? accept)
    {
        foreach (var entry in (accept ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(';', StringSplitOptions.TrimEntries);
            if (!parts[0].Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var version = Parameter(parts, "version");
            var q = Parameter(parts, "q");
            var acceptable = q is null || (double.TryParse(q, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) && weight > 0);
            if (acceptable && (version is null || version == "1.0.0"))
            {
                return ExpositionFormat.OpenMetrics;
            }
        }

        return ExpositionFormat.Text;
    }

    public static string ContentType(ExpositionFormat format) =>
        format == ExpositionFormat.OpenMetrics ? OpenMetricsContentType : TextContentType;

    private static string? Parameter(string[] parts, string name) => parts.Skip(1)
        .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
        .Where(kv => kv.Length == 2 && kv[0].Equals(name, StringComparison.OrdinalIgnoreCase))
        .Select(kv => kv[1].Trim('"'))
        .FirstOrDefault();
}
