using Lantern.Grains.Rollups;

namespace Lantern.Silo.Cluster;

/// <summary>
/// A <see cref="RollupChange"/> as it travels: plain fields and arrays, because <see cref="RollupValues"/> keeps its
/// histograms in private fields that a serializer would not see. <see cref="RowVersion"/> is the row's version after the
/// commit, by which the receiving grain applies the change exactly once.
/// </summary>
public sealed record RollupChangeMessage(
    string ProjectId, RollupScope Scope, string Key, int PromptVersion, DateTimeOffset Bucket, string Model, long RowVersion,
    long Traces, long Observations, long Generations, long Errors, decimal Cost, long InputTokens, long OutputTokens, long TotalTokens,
    long[] Latency, long[] TimeToFirstToken, ScoreSumMessage[] Scores, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen)
{
    public static RollupChangeMessage From(RollupChange change)
    {
        var (key, delta) = (change.Key, change.Delta);
        return new RollupChangeMessage(
            key.ProjectId, key.Scope, key.Key, key.Version, key.Bucket, key.Model, change.Version,
            delta.Traces, delta.Observations, delta.Generations, delta.Errors, delta.Cost, delta.InputTokens, delta.OutputTokens, delta.TotalTokens,
            [.. delta.Latency], [.. delta.TimeToFirstToken], [.. delta.ScoresHeld.Select(s => new ScoreSumMessage(s.Key, s.Value.Sum, s.Value.Count))],
            delta.FirstSeen, delta.LastSeen);
    }

    public RollupChange ToChange()
    {
        var delta = new RollupValues
        {
            Traces = Traces,
            Observations = Observations,
            Generations = Generations,
            Errors = Errors,
            Cost = Cost,
            InputTokens = InputTokens,
            OutputTokens = OutputTokens,
            TotalTokens = TotalTokens,
            Scores = Scores.ToDictionary(s => s.Name, s => new ScoreSum(s.Sum, s.Count), StringComparer.Ordinal),
            FirstSeen = FirstSeen,
            LastSeen = LastSeen,
        };
        delta.AddHistograms(Latency, TimeToFirstToken);
        return new RollupChange(new RollupKey(ProjectId, Scope, Key, PromptVersion, Bucket, Model), delta, RowVersion);
    }
}
