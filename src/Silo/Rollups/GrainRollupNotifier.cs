using Lantern.Contracts.Runtime;
using Lantern.Grains.Rollups;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Rollups;

/// <summary>
/// Hands each commit's rollup changes to the grains that own the rows, without waiting: the changes are already durable,
/// and a grain that misses one notices the version gap and re-reads.
/// </summary>
public sealed partial class GrainRollupNotifier(IGrainFactory grains, ILogger<GrainRollupNotifier> logger) : IRollupNotifier
{
    public void Notify(IReadOnlyList<RollupChange> changes)
    {
        foreach (var group in changes.GroupBy(c => (c.Key.Scope, c.Key.GrainKey)))
        {
            IRollupGrain grain = group.Key.Scope switch
            {
                RollupScope.Project => grains.GetGrain<IProjectGrain>(group.Key.GrainKey),
                RollupScope.User => grains.GetGrain<IUserGrain>(group.Key.GrainKey),
                RollupScope.Session => grains.GetGrain<ISessionGrain>(group.Key.GrainKey),
                _ => grains.GetGrain<IPromptGrain>(group.Key.GrainKey),
            };
            grain.ApplyAsync([.. group]).ContinueWith(
                t => LogNotifyFailed(logger, t.Exception!, group.Key.Scope),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Scope} rollup grain did not take its changes; it re-reads its rows when it next sees a gap")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, RollupScope scope);
}
