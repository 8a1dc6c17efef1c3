using System.Text;

namespace Lantern.Silo.Metrics;

/// <summary>
/// Maps instrument names and units to Prometheus names: invalid characters become '_', a unit suffix
/// (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>) is appended unless already there, and counters end in
/// <c>_total</c>. Idempotent, so instruments already named the Prometheus way keep their names. Gauges named like a
/// histogram's series (<c>dotnet.timer.count</c>) get <c>_value</c> appended, as Prometheus reserves those suffixes.
/// </summary>
public static class PrometheusNames
{
    private static readonly string[] ReservedSuffixes = ["_count", "_sum", "_bucket"];

    public static string MetricName(string instrumentName, string? unit, MetricKind kind)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var counter = kind == MetricKind.Counter;
        if (counter && name.EndsWith("_total", StringComparison.Ordinal))
        {
            name = name[..^"_total".Length];
        }

        var suffix = UnitSuffix(unit);
        if (suffix is not null && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        if (counter)
        {
            return name + "_total";
        }

        return kind == MetricKind.Gauge && ReservedSuffixes.Any(r => name.EndsWith(r, StringComparison.Ordinal)) ? name + "_value" : name;
    }

    public static string LabelName(string key) => Sanitize(key, allowColon: false);

    /// <summary>The Prometheus base-unit word for a UCUM unit; null for annotations like <c>{event}</c> and unknown units.</summary>
    public static string? UnitSuffix(string? unit) => unit switch
    {
        "s" => "seconds",
        "By" => "bytes",
        "USD" => "usd",
        "%" => "percent",
        _ => null,
    };

    private static string Sanitize(string name, bool allowColon)
    {
        if (name.Length == 0)
        {
            return "_";
        }

        var builder = new StringBuilder(name.Length + 1);
        if (char.IsAsciiDigit(name[0]))
        {
            builder.Append('_');
        }

        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        return builder.ToString();
    }
}
