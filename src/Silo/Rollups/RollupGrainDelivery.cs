using Lantern.Grains.Rollups;
using Lantern.Silo.Runtime;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Rollups;

/// <summary>
/// Hands committed rollup changes to this process's grains that own the rows, without waiting: the changes are already
/// durable, and a grain that misses one notices the version gap and re-reads. User, session and prompt grains only keep
/// rows for reads, so one that is not active is left alone: activating it would read back the very rows just committed
/// (a grain in memory per new user). A user's cost also goes to the spend watch, and project grains are always told, as
/// they keep the project's spend for alerts.
/// </summary>
public sealed partial class RollupGrainDelivery(GrainRuntime grains, UserSpendWatch spend, ILogger<RollupGrainDelivery> logger)
{
    public void Deliver(IReadOnlyList<RollupChange> changes)
    {
        foreach (var group in changes.GroupBy(c => (c.Key.Scope, c.Key.GrainKey)))
        {
            if (group.Key.Scope == RollupScope.User)
            {
                spend.Observe(group.Key.GrainKey, group);
            }

            IRollupGrain? grain = group.Key.Scope == RollupScope.Project
                ? grains.GetGrain<IProjectGrain>(group.Key.GrainKey)
                : ActiveRollupGrains.Find(grains, group.Key.Scope, group.Key.GrainKey);
            if (grain is null)
            {
                continue;
            }

            grain.ApplyAsync([.. group]).ContinueWith(
                t => LogDeliveryFailed(logger, t.Exception!, group.Key.Scope),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Scope} rollup grain did not take its changes; it re-reads its rows when it next sees a gap")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, RollupScope scope);
}
