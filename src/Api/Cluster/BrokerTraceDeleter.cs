using Lantern.Api.Queries.Traces;
using Lantern.Silo.Cluster;

namespace Lantern.Api.Cluster;

/// <summary>
/// In a cluster a trace is deleted by the silo that owns its partition, under its lease: the deletion is queued behind the
/// trace's events and the request is answered once the broker confirmed it (deleted shortly after, as Langfuse does).
/// Deleting here, on whatever process got the request, would skip the fence and leave the owner's grain with a stale copy.
/// </summary>
public sealed class BrokerTraceDeleter(PartitionSender sender) : ITraceDeleter
{
    public Task DeleteAsync(string projectId, IReadOnlyList<string> traceIds, CancellationToken cancellationToken) =>
        sender.SendAsync(projectId, traceIds.Select(id => new PartitionTraceDeletion(projectId, id)).Select(d => (d.GrainKey, d)).ToList(), cancellationToken);
}
