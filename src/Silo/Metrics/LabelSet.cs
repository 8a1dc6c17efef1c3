using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Lantern.Silo.Metrics;

/// <summary>A series' labels, sorted by name so that tags given in any order name the same series.</summary>
public sealed class LabelSet
{
    public const string OtherValue = "other";

    // Few distinct tag keys exist; sanitising each once keeps the recording path free of per-measurement name work.
    private static readonly ConcurrentDictionary<string, string> SanitizedNames = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static StringBuilder? _keyBuilder;

    [ThreadStatic]
    private static char[]? _keyBuffer;

    [ThreadStatic]
    private static char[]? _tagsBuffer;

    private LabelSet(string[] names, string[] values, string key)
    {
        Names = names;
        Values = values;
        Key = key;
    }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string> Values { get; }

    /// <summary>An unambiguous identity for the label set (length-prefixed names and values).</summary>
    public string Key { get; }

    /// <summary>
    /// The <see cref="Key"/> the tags would have, computed without building the label set or a string: valid until the
    /// thread's next call. Every measurement looks its series up with it.
    /// </summary>
    public static ReadOnlySpan<char> KeyOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Span<int> order = tags.Length <= 16 ? stackalloc int[tags.Length] : new int[tags.Length];
        Sort(tags, order);
        var key = _keyBuilder ??= new StringBuilder();
        key.Clear();
        foreach (var i in order)
        {
            Append(key, Name(tags[i].Key), Value(tags[i].Value));
        }

        if (_keyBuffer is null || _keyBuffer.Length < key.Length)
        {
            _keyBuffer = new char[Math.Max(128, key.Length * 2)];
        }

        key.CopyTo(0, _keyBuffer, key.Length);
        return _keyBuffer.AsSpan(0, key.Length);
    }

    /// <summary>
    /// The tags as given, each name and value length-prefixed, without sorting or sanitising: a cheaper identity than
    /// <see cref="KeyOf"/> for the same tags in the same order. Valid until the thread's next call.
    /// </summary>
    public static ReadOnlySpan<char> TagsKeyOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var length = 0;
        foreach (var (name, value) in tags)
        {
            length = AppendLengthPrefixed(length, name.AsSpan());
            length = AppendLengthPrefixed(length, Value(value).AsSpan());
        }

        return _tagsBuffer.AsSpan(0, length);
    }

    public static LabelSet From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Span<int> order = tags.Length <= 16 ? stackalloc int[tags.Length] : new int[tags.Length];
        Sort(tags, order);
        var names = new string[tags.Length];
        var values = new string[tags.Length];
        for (var i = 0; i < order.Length; i++)
        {
            names[i] = Name(tags[order[i]].Key);
            values[i] = Value(tags[order[i]].Value);
        }

        return Create(names, values);
    }

    /// <summary>The same label names with every value <c>other</c>: where label sets beyond the cap go.</summary>
    public LabelSet Folded() => Create([.. Names], [.. Names.Select(_ => OtherValue)]);

    private static LabelSet Create(string[] names, string[] values)
    {
        var key = new StringBuilder();
        for (var i = 0; i < names.Length; i++)
        {
            Append(key, names[i], values[i]);
        }

        return new LabelSet(names, values, key.ToString());
    }

    private static int AppendLengthPrefixed(int at, ReadOnlySpan<char> text)
    {
        var needed = at + text.Length + 12;
        if (_tagsBuffer is null || _tagsBuffer.Length < needed)
        {
            Array.Resize(ref _tagsBuffer, Math.Max(256, needed * 2));
        }

        text.Length.TryFormat(_tagsBuffer.AsSpan(at), out var digits, default, CultureInfo.InvariantCulture);
        at += digits;
        _tagsBuffer[at++] = ':';
        text.CopyTo(_tagsBuffer.AsSpan(at));
        return at + text.Length;
    }

    private static void Append(StringBuilder key, string name, string value) =>
        key.Append(name.Length).Append(':').Append(name).Append(value.Length).Append(':').Append(value);

    private static string Name(string key) => SanitizedNames.GetOrAdd(key, PrometheusNames.LabelName);

    private static string Value(object? value) => value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>Insertion sort of tag indices by label name: label sets are small and this allocates nothing.</summary>
    private static void Sort(ReadOnlySpan<KeyValuePair<string, object?>> tags, Span<int> order)
    {
        for (var i = 0; i < order.Length; i++)
        {
            var j = i;
            while (j > 0 && string.CompareOrdinal(Name(tags[order[j - 1]].Key), Name(tags[i].Key)) > 0)
            {
                order[j] = order[j - 1];
                j--;
            }

            order[j] = i;
        }
    }
}
