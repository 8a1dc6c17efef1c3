using Lantern.Contracts.Rollups;

namespace Lantern.Grains.Rollups;

/// <summary>See <see cref="IPromptGrain"/>.</summary>
public sealed class PromptGrain(IRollupStore store) : RollupGrain(store), IPromptGrain
{
    protected override RollupScope Scope => RollupScope.Prompt;

    public async Task<IReadOnlyList<PromptVersionMetrics>> GetVersionMetricsAsync(DateTimeOffset? from, DateTimeOffset? to)
    {
        IReadOnlyList<PromptVersionMetrics> metrics = (await InWindowAsync(from, to))
            .GroupBy(r => r.Key.Version)
            .Select(g =>
            {
                var v = RollupSummaries.Sum(g.Select(r => r.Value.Values));
                return new PromptVersionMetrics(
                    g.Key,
                    v.Generations,
                    LatencyHistogram.Quantile(v.Latency, 0.5),
                    LatencyHistogram.Quantile(v.Latency, 0.95),
                    LatencyHistogram.Quantile(v.TimeToFirstToken, 0.5),
                    LatencyHistogram.Quantile(v.TimeToFirstToken, 0.95),
                    v.Cost,
                    v.InputTokens,
                    v.OutputTokens,
                    v.TotalTokens,
                    RollupSummaries.Averages(v));
            })
            .Where(m => m.Generations > 0)
            .OrderByDescending(m => m.Version)
            .ToList();
        return metrics;
    }
}
