using Lantern.Contracts.Runtime;
using Lantern.Contracts.Traces;

namespace Lantern.Silo.Cluster;

/// <summary>A single node owns every key: its own trace and score grains delete, before the call returns.</summary>
public sealed class LocalOwnerDeletions(IGrainFactory grains) : IOwnerDeletions
{
    public Task DeleteTracesAsync(string projectId, IReadOnlyCollection<string> traceIds, CancellationToken cancellationToken) =>
        Task.WhenAll(traceIds.Select(id => grains.GetGrain<ITraceGrain>(PartitionKeys.Trace(projectId, id)).DeleteAsync()));

    public Task<bool> DeleteScoreAsync(string projectId, string scoreId, string traceId, CancellationToken cancellationToken) =>
        traceId.Length == 0
            ? grains.GetGrain<IScoreGrain>(PartitionKeys.Trace(projectId, scoreId)).DeleteAsync()
            : grains.GetGrain<ITraceGrain>(PartitionKeys.Trace(projectId, traceId)).DeleteScoreAsync(scoreId);
}
