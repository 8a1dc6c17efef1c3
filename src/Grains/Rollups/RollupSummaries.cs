using Lantern.Contracts.Rollups;

namespace Lantern.Grains.Rollups;

/// <summary>Sums rollup rows into the summaries the query API serves.</summary>
public static class RollupSummaries
{
    public static RollupSummary Summarize(IEnumerable<(RollupKey Key, RollupValues Values)> rows)
    {
        var list = rows.ToList();
        // A trace's counts are in one of its rows, the row of its first model or of no model: the totals are every row's.
        var totals = Sum(list.Select(r => r.Values));
        var models = list.Where(r => r.Key.Model.Length > 0 || r.Values.Generations > 0)
            .GroupBy(r => r.Key.Model)
            .Select(g => (Model: g.Key, Values: Sum(g.Select(r => r.Values))))
            .Where(m => m.Values.Generations > 0)
            .Select(m => new ModelUsage(m.Model, m.Values.Cost, m.Values.InputTokens, m.Values.OutputTokens, m.Values.TotalTokens, m.Values.Generations))
            .OrderByDescending(m => m.TotalCost)
            .ThenBy(m => m.Model, StringComparer.Ordinal)
            .ToList();
        return new RollupSummary(
            models.Sum(m => m.TotalCost),
            models.Sum(m => m.InputTokens),
            models.Sum(m => m.OutputTokens),
            models.Sum(m => m.TotalTokens),
            totals.Traces,
            totals.Observations,
            models.Sum(m => m.Generations),
            totals.Errors,
            totals.FirstSeen,
            totals.LastSeen,
            models,
            Averages(totals));
    }

    public static RollupValues Sum(IEnumerable<RollupValues> values)
    {
        var sum = new RollupValues();
        foreach (var value in values)
        {
            sum.Add(value);
        }

        return sum;
    }

    public static IReadOnlyDictionary<string, ScoreAverage> Averages(RollupValues values) =>
        values.ScoresHeld.Where(s => s.Value.Count > 0)
            .ToDictionary(s => s.Key, s => new ScoreAverage(s.Value.Sum / s.Value.Count, s.Value.Count), StringComparer.Ordinal);
}
