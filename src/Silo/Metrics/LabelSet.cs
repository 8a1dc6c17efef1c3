using System.Globalization;
using System.Text;

namespace Lantern.Silo.Metrics;

/// <summary>A series' labels, sorted by name so that tags given in any order name the same series.</summary>
public sealed class LabelSet
{
    public const string OtherValue = "other";

    private LabelSet(string[] names, string[] values)
    {
        Names = names;
        Values = values;
        var key = new StringBuilder();
        for (var i = 0; i < names.Length; i++)
        {
            key.Append(names[i].Length).Append(':').Append(names[i]).Append(values[i].Length).Append(':').Append(values[i]);
        }

        Key = key.ToString();
    }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string> Values { get; }

    /// <summary>An unambiguous identity for the label set (length-prefixed names and values).</summary>
    public string Key { get; }

    public static LabelSet From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var pairs = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            pairs[i] = new(PrometheusNames.LabelName(tags[i].Key), Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? "");
        }

        Array.Sort(pairs, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new LabelSet([.. pairs.Select(p => p.Key)], [.. pairs.Select(p => p.Value)]);
    }

    /// <summary>The same label names with every value <c>other</c>: where label sets beyond the cap go.</summary>
    public LabelSet Folded() => new([.. Names], [.. Names.Select(_ => OtherValue)]);
}
