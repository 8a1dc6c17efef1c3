using System.Globalization;

namespace Lantern.Silo.Metrics;

/// <summary>
/// Writes families in the Prometheus text format 0.0.4 or OpenMetrics 1.0.0. They differ in the counter family name
/// (OpenMetrics drops <c>_total</c> from HELP/TYPE), the UNIT line, quote escaping in HELP and the closing <c># EOF</c>.
/// </summary>
public static class PrometheusTextWriter
{
    public static void Write(TextWriter writer, IEnumerable<MetricFamily> families, ExpositionFormat format)
    {
        var openMetrics = format == ExpositionFormat.OpenMetrics;
        foreach (var family in families)
        {
            var series = family.Snapshot();
            if (series.Count == 0)
            {
                continue;
            }

            var name = openMetrics && family.Kind == MetricKind.Counter && family.Name.EndsWith("_total", StringComparison.Ordinal)
                ? family.Name[..^"_total".Length]
                : family.Name;
            writer.Write($"# HELP {name} {EscapeHelp(family.Help, openMetrics)}\n");
            writer.Write($"# TYPE {name} {family.Kind.ToString().ToLowerInvariant()}\n");
            if (openMetrics && Unit(name) is { } unit)
            {
                writer.Write($"# UNIT {name} {unit}\n");
            }

            foreach (var s in series)
            {
                if (family.Kind == MetricKind.Histogram)
                {
                    WriteHistogram(writer, family, s);
                }
                else
                {
                    WriteSample(writer, family.Name, s.Labels, null, s.Value);
                }
            }
        }

        if (openMetrics)
        {
            writer.Write("# EOF\n");
        }
    }

    private static void WriteHistogram(TextWriter writer, MetricFamily family, SeriesSnapshot s)
    {
        long cumulative = 0;
        for (var i = 0; i <= family.Bounds.Count; i++)
        {
            cumulative += s.BucketCounts[i];
            var le = i < family.Bounds.Count ? FormatBound(family.Bounds[i]) : "+Inf";
            WriteSample(writer, family.Name + "_bucket", s.Labels, le, cumulative);
        }

        WriteSample(writer, family.Name + "_sum", s.Labels, null, s.Sum);
        WriteSample(writer, family.Name + "_count", s.Labels, null, s.Count);
    }

    private static void WriteSample(TextWriter writer, string name, LabelSet labels, string? le, double value)
    {
        writer.Write(name);
        if (labels.Names.Count > 0 || le is not null)
        {
            writer.Write('{');
            for (var i = 0; i < labels.Names.Count; i++)
            {
                writer.Write($"{(i > 0 ? "," : "")}{labels.Names[i]}=\"{EscapeLabelValue(labels.Values[i])}\"");
            }

            if (le is not null)
            {
                writer.Write($"{(labels.Names.Count > 0 ? "," : "")}le=\"{le}\"");
            }

            writer.Write('}');
        }

        writer.Write($" {FormatValue(value)}\n");
    }

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Bucket bounds are written as floats (<c>1.0</c>, not <c>1</c>), as OpenMetrics' canonical form asks.</summary>
    public static string FormatBound(double bound)
    {
        var text = FormatValue(bound);
        return text.AsSpan().IndexOfAny(".EeIN") >= 0 ? text : text + ".0";
    }

    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeHelp(string help, bool openMetrics)
    {
        var escaped = help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return openMetrics ? escaped.Replace("\"", "\\\"", StringComparison.Ordinal) : escaped;
    }

    private static string? Unit(string familyName) =>
        new[] { "seconds", "bytes" }.FirstOrDefault(u => familyName.EndsWith("_" + u, StringComparison.Ordinal));
}
