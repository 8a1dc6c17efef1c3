using Lantern.Grains.Rollups;
using Lantern.Silo.Metrics.Instruments;

namespace Lantern.Silo.Rollups;

/// <summary>
/// Feeds the Prometheus spend counters from a commit's project rows, which are counted once per commit: on the process
/// that committed, whoever holds the rollup grains. Counters only grow: a corrected (lower) cost shows in the rollups and
/// the API, not as a negative increment.
/// </summary>
public sealed class RollupSpendMetrics(CostMetrics costs)
{
    public void Record(IReadOnlyList<RollupChange> changes)
    {
        foreach (var change in changes.Where(c => c.Key.Scope == RollupScope.Project))
        {
            var (project, model, delta) = (change.Key.ProjectId, change.Key.Model.Length == 0 ? "none" : change.Key.Model, change.Delta);
            if (delta.Cost > 0)
            {
                costs.Cost(project, model, delta.Cost);
            }

            if (delta.Generations > 0)
            {
                costs.Generations(project, model, delta.Generations);
            }

            foreach (var (type, tokens) in new[] { ("input", delta.InputTokens), ("output", delta.OutputTokens), ("total", delta.TotalTokens) })
            {
                if (tokens > 0)
                {
                    costs.Tokens(project, model, type, tokens);
                }
            }
        }
    }
}
