using Lantern.Silo.Rollups;
using MassTransit;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Applies rollup changes committed anywhere in the cluster to this silo's rollup grains, as a single node does with its
/// own commits. Rollup grains write nothing, so no fence is needed: a change that reaches a silo after its partition
/// moved only updates a view that the evictor drops, or that re-reads its rows at the next gap.
/// </summary>
public sealed class PartitionRollupChangesConsumer(RollupGrainDelivery delivery) : IConsumer<PartitionRollupChanges>
{
    public Task Consume(ConsumeContext<PartitionRollupChanges> context)
    {
        delivery.Deliver([.. context.Message.Changes.Select(c => c.ToChange())]);
        return Task.CompletedTask;
    }
}
