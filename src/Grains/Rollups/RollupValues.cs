namespace Lantern.Grains.Rollups;

/// <summary>
/// The additive measures of one rollup row. Everything is a sum (or a histogram of counts), so a trace's contribution can
/// be added, and later replaced by adding the difference between its new and old contribution.
/// </summary>
public sealed class RollupValues
{
    private static readonly IReadOnlyDictionary<string, ScoreSum> NoScores = new Dictionary<string, ScoreSum>();

    public long Traces { get; set; }

    public long Observations { get; set; }

    public long Generations { get; set; }

    public long Errors { get; set; }

    public decimal Cost { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public long TotalTokens { get; set; }

    // Histograms are allocated by their first count: only prompt rows count latencies, and rollup values are created
    // several times per trace commit.
    private long[]? _latency;
    private long[]? _timeToFirstToken;

    /// <summary>Generation latencies per <see cref="LatencyHistogram"/> bucket; empty while none was counted.</summary>
    public IReadOnlyList<long> Latency => _latency ?? [];

    /// <summary>Times to first token per <see cref="LatencyHistogram"/> bucket; empty while none was counted.</summary>
    public IReadOnlyList<long> TimeToFirstToken => _timeToFirstToken ?? [];

    // Allocated by its first score: most rows never hold one, and a single node keeps many rows in memory (RollupRowCache).
    private Dictionary<string, ScoreSum>? _scores;

    /// <summary>Score name to (sum of values, count), for averages. Reading it creates the table: readers use <see cref="ScoresHeld"/>.</summary>
    public Dictionary<string, ScoreSum> Scores
    {
        get => _scores ??= new(StringComparer.Ordinal);
        set => _scores = value;
    }

    /// <summary>The scores held, without creating a table for none.</summary>
    public IReadOnlyDictionary<string, ScoreSum> ScoresHeld => _scores ?? NoScores;

    public DateTimeOffset? FirstSeen { get; set; }

    public DateTimeOffset? LastSeen { get; set; }

    public bool IsZero =>
        Traces == 0 && Observations == 0 && Generations == 0 && Errors == 0 && Cost == 0 &&
        InputTokens == 0 && OutputTokens == 0 && TotalTokens == 0 &&
        Latency.All(c => c == 0) && TimeToFirstToken.All(c => c == 0) && ScoresHeld.Values.All(s => s.Count == 0 && s.Sum == 0);

    public void CountLatency(double seconds) => Count(ref _latency, LatencyHistogram.BucketOf(seconds), 1);

    public void CountTimeToFirstToken(double seconds) => Count(ref _timeToFirstToken, LatencyHistogram.BucketOf(seconds), 1);

    /// <summary>Adds stored histogram counts (as read from a rollup row).</summary>
    public void AddHistograms(IReadOnlyList<long> latency, IReadOnlyList<long> timeToFirstToken)
    {
        AddCounts(ref _latency, latency, 1);
        AddCounts(ref _timeToFirstToken, timeToFirstToken, 1);
    }

    /// <summary>Adds <paramref name="other"/> times <paramref name="sign"/> (+1 or -1). First/last seen widen only.</summary>
    public void Add(RollupValues other, int sign = 1)
    {
        Traces += sign * other.Traces;
        Observations += sign * other.Observations;
        Generations += sign * other.Generations;
        Errors += sign * other.Errors;
        Cost += sign * other.Cost;
        InputTokens += sign * other.InputTokens;
        OutputTokens += sign * other.OutputTokens;
        TotalTokens += sign * other.TotalTokens;
        AddCounts(ref _latency, other._latency, sign);
        AddCounts(ref _timeToFirstToken, other._timeToFirstToken, sign);

        foreach (var (name, score) in other.ScoresHeld)
        {
            var current = Scores.GetValueOrDefault(name);
            var sum = new ScoreSum(current.Sum + (sign * score.Sum), current.Count + (sign * score.Count));
            // A delta can move sums without moving counts (one trace's score leaves a row as another's arrives): only an
            // entry with nothing left is dropped.
            if (sum.Count == 0 && sum.Sum == 0)
            {
                Scores.Remove(name);
            }
            else
            {
                Scores[name] = sum;
            }
        }

        if (sign > 0)
        {
            FirstSeen = Min(FirstSeen, other.FirstSeen);
            LastSeen = Max(LastSeen, other.LastSeen);
        }
    }

    public RollupValues Clone()
    {
        var copy = new RollupValues();
        copy.Add(this);
        return copy;
    }

    private static void AddCounts(ref long[]? histogram, IReadOnlyList<long>? counts, int sign)
    {
        for (var i = 0; counts is not null && i < counts.Count; i++)
        {
            if (counts[i] != 0)
            {
                Count(ref histogram, i, sign * counts[i]);
            }
        }
    }

    private static void Count(ref long[]? histogram, int bucket, long count) => (histogram ??= new long[LatencyHistogram.Size])[bucket] += count;

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
