namespace Lantern.Silo.Privacy;

/// <summary>How many rows a deletion removed, per table (observations and scores counted just before they went).</summary>
public sealed record PurgeCounts(long Traces, long Observations, long Scores, long DatasetRunItems, long RollupRows)
{
    public static PurgeCounts Zero { get; } = new(0, 0, 0, 0, 0);

    public PurgeCounts Add(PurgeCounts other) => new(
        Traces + other.Traces, Observations + other.Observations, Scores + other.Scores,
        DatasetRunItems + other.DatasetRunItems, RollupRows + other.RollupRows);
}
