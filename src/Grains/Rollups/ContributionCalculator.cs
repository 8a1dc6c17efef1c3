using Lantern.Grains.Traces;

namespace Lantern.Grains.Rollups;

/// <summary>
/// What a trace contributes to the project, user, session and prompt rollups, computed from its stored rows only, so
/// rollups always equal a recomputation from the stored observations.
/// </summary>
public static class ContributionCalculator
{
    public static RollupContribution Compute(string projectId, TraceRow? trace, IReadOnlyCollection<ObservationRow> observations, IReadOnlyCollection<ScoreRow> scores)
    {
        var contribution = new RollupContribution();
        if (trace is null && observations.Count == 0)
        {
            return contribution;
        }

        var time = trace?.Timestamp ?? observations.Min(o => o.StartTime);
        var bucket = RollupKey.BucketOf(time);
        var scopes = new List<(RollupScope Scope, string Key)> { (RollupScope.Project, "") };
        if (trace?.UserId is { Length: > 0 } user)
        {
            scopes.Add((RollupScope.User, user));
        }

        if (trace?.SessionId is { Length: > 0 } session)
        {
            scopes.Add((RollupScope.Session, session));
        }

        var traceScores = scores.Where(s => s.ObservationId is null).ToList();
        // The trace's own counts share the row of its first model (by name): a trace with one model changes one row per
        // scope instead of a totals row and a model row. Readers sum every row of a scope (RollupSummaries).
        var totalsModel = observations.Where(IsPriced).Select(o => o.Model ?? "").Min(StringComparer.Ordinal) ?? "";
        foreach (var (scope, key) in scopes)
        {
            var totals = contribution.For(new RollupKey(projectId, scope, key, 0, bucket, totalsModel));
            totals.Traces = trace is null ? 0 : 1;
            totals.Observations = observations.Count;
            totals.Errors = observations.Count(o => o.Level == "ERROR");
            totals.FirstSeen = totals.LastSeen = time;
            AddScores(totals, scores);
            foreach (var generation in observations.Where(IsPriced))
            {
                AddGeneration(contribution.For(new RollupKey(projectId, scope, key, 0, bucket, generation.Model ?? "")), generation, time);
            }
        }

        foreach (var generation in observations.Where(o => o.PromptName is not null && o.PromptVersion is not null))
        {
            var values = contribution.For(new RollupKey(projectId, RollupScope.Prompt, generation.PromptName!, generation.PromptVersion!.Value, bucket, ""));
            AddGeneration(values, generation, time);
            if (generation.LatencySeconds is { } latency)
            {
                values.CountLatency(latency);
            }

            if (generation.TimeToFirstTokenSeconds is { } ttft)
            {
                values.CountTimeToFirstToken(ttft);
            }

            AddScores(values, traceScores.Concat(scores.Where(s => s.ObservationId == generation.Id)));
        }

        return contribution;
    }

    /// <summary>Generation-like observations that carry a model, usage or cost count toward cost rollups.</summary>
    public static bool IsPriced(ObservationRow observation) =>
        observation.Model is not null || observation.Cost.UsageDetails.Count > 0 || observation.Cost.CostDetails.Count > 0;

    private static void AddGeneration(RollupValues values, ObservationRow generation, DateTimeOffset time)
    {
        values.Generations++;
        values.Cost += generation.Cost.TotalCost ?? 0;
        values.InputTokens += generation.Cost.InputUsage;
        values.OutputTokens += generation.Cost.OutputUsage;
        values.TotalTokens += generation.Cost.TotalUsage;
        values.FirstSeen ??= time;
        values.LastSeen ??= time;
    }

    private static void AddScores(RollupValues values, IEnumerable<ScoreRow> scores)
    {
        foreach (var score in scores.Where(s => s.Value is not null && s.DataType is "NUMERIC" or "BOOLEAN"))
        {
            var current = values.Scores.GetValueOrDefault(score.Name);
            values.Scores[score.Name] = new ScoreSum(current.Sum + score.Value!.Value, current.Count + 1);
        }
    }
}
