using Lantern.Contracts.Traces;
using Lantern.Grains.Rollups;
using Lantern.Silo.Rollups;
using Lantern.Silo.Runtime;

namespace Lantern.Silo.Cluster;

/// <summary>
/// A single node owns every key: its own trace, score and rollup grains delete and forget, and its rollup cache drops the
/// keys, before the call returns.
/// </summary>
public sealed class LocalOwnerDeletions(GrainRuntime grains, UserSpendWatch spend, RollupRowCache cache) : IOwnerDeletions
{
    public Task DeleteTracesAsync(string projectId, IReadOnlyCollection<string> traceIds, CancellationToken cancellationToken) =>
        Task.WhenAll(traceIds.Select(id => grains.GetGrain<ITraceGrain>(PartitionKeys.Trace(projectId, id)).DeleteAsync()));

    public Task<bool> DeleteScoreAsync(string projectId, string scoreId, string traceId, CancellationToken cancellationToken) =>
        traceId.Length == 0
            ? grains.GetGrain<IScoreGrain>(PartitionKeys.Trace(projectId, scoreId)).DeleteAsync()
            : grains.GetGrain<ITraceGrain>(PartitionKeys.Trace(projectId, traceId)).DeleteScoreAsync(scoreId);

    public Task ForgetRollupsAsync(string projectId, IReadOnlyCollection<(RollupScope Scope, string Key)> keys, CancellationToken cancellationToken)
    {
        foreach (var (scope, key) in keys)
        {
            cache.Forget(new RollupScopeKey(projectId, scope, key));
        }

        return Task.WhenAll(keys.Select(k => RollupGrainForgetting.ForgetAsync(grains, spend, projectId, k.Scope, k.Key)));
    }
}
