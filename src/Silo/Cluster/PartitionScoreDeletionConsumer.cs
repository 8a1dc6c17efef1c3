using Lantern.Contracts.Runtime;
using Lantern.Contracts.Traces;
using MassTransit;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Deletes a score on the silo that holds its grain's partition and answers the requester. Like a batch, a deletion whose
/// lease is gone or whose commit fails throws and goes back to its queue, so the partition's next owner deletes it and
/// answers instead.
/// </summary>
public sealed class PartitionScoreDeletionConsumer(IGrainFactory grains, PartitionLeases leases) : IConsumer<PartitionScoreDeletion>
{
    public async Task Consume(ConsumeContext<PartitionScoreDeletion> context)
    {
        var deletion = context.Message;
        leases.FenceFor(deletion.GrainKey);
        var deleted = deletion.TraceId.Length == 0
            ? await grains.GetGrain<IScoreGrain>(deletion.GrainKey).DeleteAsync()
            : await grains.GetGrain<ITraceGrain>(deletion.GrainKey).DeleteScoreAsync(deletion.ScoreId);
        if (context.RequestId is not null)
        {
            await context.RespondAsync(new PartitionDeletionResult(deleted));
        }
    }
}
