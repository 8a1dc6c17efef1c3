using Lantern.Contracts.Ingestion;
using Lantern.Contracts.Runtime;
using Lantern.Contracts.Traces;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Events for one trace (or one trace-less score) on their way from the API to the silo that owns the partition. The
/// events keep their ids and timestamps, so applying a redelivered batch again changes nothing.
/// </summary>
public sealed record PartitionBatch(string ProjectId, string EntityId, bool IsScore, IReadOnlyList<IngestionEvent> Events) : IOrderedPartitionMessage
{
    /// <summary>The key of the grain that applies the events, which is also the key the partition is computed from.</summary>
    public string GrainKey => PartitionKeys.Trace(ProjectId, EntityId);

    string IOrderedPartitionMessage.OrderKey => GrainKey;

    /// <summary>Applies the events through their grain; completes once they are committed.</summary>
    public Task ApplyAsync(IGrainFactory grains) => IsScore
        ? grains.GetGrain<IScoreGrain>(GrainKey).ApplyAsync(Events)
        : grains.GetGrain<ITraceGrain>(GrainKey).ApplyAsync(Events);
}
