using Lantern.Contracts.Runtime;
using Lantern.Contracts.Traces;
using MassTransit;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Deletes a trace on the silo that holds its partition. Like a batch, a deletion whose lease is gone or whose commit
/// fails throws and goes back to its queue, so the silo that owns the partition next deletes it. A deletion sent as a
/// request (erasure, retention) is answered once it committed; one sent by <c>DELETE /api/public/traces</c> is not.
/// </summary>
public sealed class PartitionTraceDeletionConsumer(IGrainFactory grains, PartitionLeases leases) : IConsumer<PartitionTraceDeletion>
{
    public async Task Consume(ConsumeContext<PartitionTraceDeletion> context)
    {
        var deletion = context.Message;
        leases.FenceFor(deletion.GrainKey);
        await grains.GetGrain<ITraceGrain>(deletion.GrainKey).DeleteAsync();
        if (context.RequestId is not null)
        {
            await context.RespondAsync(new PartitionDeletionResult(true));
        }
    }
}
