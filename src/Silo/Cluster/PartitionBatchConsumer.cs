using Lantern.Contracts.Runtime;
using MassTransit;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Applies a batch to its grain on the silo that holds the partition. It throws when the lease is gone or the commit
/// fails, and the message goes back to its queue (never to an error queue): acknowledged events are never dropped.
/// </summary>
public sealed class PartitionBatchConsumer(IGrainFactory grains, PartitionLeases leases) : IConsumer<PartitionBatch>
{
    public async Task Consume(ConsumeContext<PartitionBatch> context)
    {
        var batch = context.Message;
        leases.FenceFor(batch.GrainKey);
        await batch.ApplyAsync(grains);
    }
}
