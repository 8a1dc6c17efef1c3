using Lantern.Grains.Rollups;
using Lantern.Silo.Metrics.Instruments;
using Lantern.Silo.Runtime;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Rollups;

/// <summary>
/// Hands each commit's rollup changes to the grains that own the rows, without waiting: the changes are already durable,
/// and a grain that misses one notices the version gap and re-reads. Session and prompt grains only keep rows for
/// reads, so one that is not active is left alone: activating it would read back the very rows just committed (a query
/// and a grain in memory per new session). User and project grains are always told, as they watch spend as it arrives.
/// </summary>
public sealed partial class GrainRollupNotifier(GrainRuntime grains, CostMetrics costs, ILogger<GrainRollupNotifier> logger) : IRollupNotifier
{
    public void Notify(IReadOnlyList<RollupChange> changes)
    {
        RecordSpend(changes);
        foreach (var group in changes.GroupBy(c => (c.Key.Scope, c.Key.GrainKey)))
        {
            IRollupGrain? grain = group.Key.Scope switch
            {
                RollupScope.Project => grains.GetGrain<IProjectGrain>(group.Key.GrainKey),
                RollupScope.User => grains.GetGrain<IUserGrain>(group.Key.GrainKey),
                RollupScope.Session => IfActive<ISessionGrain>(group.Key.GrainKey),
                _ => IfActive<IPromptGrain>(group.Key.GrainKey),
            };
            if (grain is null)
            {
                continue;
            }

            grain.ApplyAsync([.. group]).ContinueWith(
                t => LogNotifyFailed(logger, t.Exception!, group.Key.Scope),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private TGrain? IfActive<TGrain>(string key) where TGrain : class, IRollupGrain =>
        grains.IsActive<TGrain>(key) ? grains.GetGrain<TGrain>(key) : null;

    // Project rows are counted once per commit, so they feed the Prometheus spend counters. Counters only grow: a
    // corrected (lower) cost shows in the rollups and the API, not as a negative increment.
    private void RecordSpend(IReadOnlyList<RollupChange> changes)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Scope} rollup grain did not take its changes; it re-reads its rows when it next sees a gap")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, RollupScope scope);
}
