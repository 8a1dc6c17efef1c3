using System.Collections.Concurrent;

namespace Lantern.Silo.Metrics;

/// <summary>
/// All series of one metric. At most <see cref="MaxLabelSets"/> label sets are kept; measurements with a new label set
/// beyond that go to one series whose label values are all <c>other</c>, and the fold is reported.
/// </summary>
public sealed class MetricFamily(string name, string help, MetricKind kind, IReadOnlyList<double> bounds, int maxLabelSets, Action<MetricFamily> folded)
{
    private readonly ConcurrentDictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);
    private readonly Lock _adding = new();

    // Series by their tags as the caller gave them (unsorted, unsanitised), in front of the lookup by label set: sorting
    // the tags and sanitising their names per measurement was about 1.5 % of the node's CPU with SDK-sized requests.
    // Bounded: tags in another order or of another spelling are other entries for the same series.
    private readonly ConcurrentDictionary<string, MetricSeries> _byTags = new(StringComparer.Ordinal);
    private int _byTagsCount;

    // Looks a series up by the key's characters: a key string per measurement was about 3 % of what ingestion allocated.
    private ConcurrentDictionary<string, MetricSeries>.AlternateLookup<ReadOnlySpan<char>> BySpan => _series.GetAlternateLookup<ReadOnlySpan<char>>();

    private ConcurrentDictionary<string, MetricSeries>.AlternateLookup<ReadOnlySpan<char>> ByTagsSpan => _byTags.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Name => name;

    public string Help => help;

    public MetricKind Kind => kind;

    /// <summary>Histogram upper bounds, ascending, without +Inf; empty for other kinds.</summary>
    public IReadOnlyList<double> Bounds => bounds;

    public int MaxLabelSets => maxLabelSets;

    public void Add(double delta, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Series(tags).Add(delta);

    public void Set(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Series(tags).Set(value);

    public void Observe(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Series(tags).Observe(value, bounds);

    /// <summary>Forgets every series: observable instruments report their whole state again at each scrape.</summary>
    public void Clear()
    {
        _byTags.Clear();
        Volatile.Write(ref _byTagsCount, 0);
        _series.Clear();
    }

    public IReadOnlyList<SeriesSnapshot> Snapshot() =>
        [.. _series.Values.Select(s => s.Snapshot()).OrderBy(s => s.Labels.Key, StringComparer.Ordinal)];

    private MetricSeries Series(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var tagsKey = LabelSet.TagsKeyOf(tags);
        if (ByTagsSpan.TryGetValue(tagsKey, out var series))
        {
            return series;
        }

        // Copied first, and only while there is room to remember it: the tags key lives in a per-thread buffer, and a fold
        // is counted by a measurement of its own.
        var tagsText = Volatile.Read(ref _byTagsCount) < maxLabelSets * 2 ? tagsKey.ToString() : null;
        series = SeriesOfLabels(tags, out var fold);
        // A folded label set is not remembered: every measurement folded is counted.
        if (tagsText is not null && !fold && _byTags.TryAdd(tagsText, series))
        {
            Interlocked.Increment(ref _byTagsCount);
        }

        return series;
    }

    private MetricSeries SeriesOfLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags, out bool fold)
    {
        fold = false;
        if (BySpan.TryGetValue(LabelSet.KeyOf(tags), out var series))
        {
            return series;
        }

        var labels = LabelSet.From(tags);
        lock (_adding)
        {
            if (_series.TryGetValue(labels.Key, out series))
            {
                return series;
            }

            if (_series.Count >= maxLabelSets)
            {
                labels = labels.Folded();
                fold = true;
            }

            series = _series.GetOrAdd(labels.Key, _ => new MetricSeries(labels, bounds.Count));
        }

        if (fold)
        {
            folded(this);
        }

        return series;
    }
}
