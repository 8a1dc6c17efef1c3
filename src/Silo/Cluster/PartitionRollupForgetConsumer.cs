using Lantern.Grains.Rollups;
using Lantern.Silo.Runtime;
using MassTransit;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Makes this silo's rollup grains of a key forget deleted rows and answers the requester. Rollup grains write nothing,
/// so no fence is needed: a silo that just lost the partition drops those grains anyway (<see cref="PartitionGrainEvictor"/>).
/// </summary>
public sealed class PartitionRollupForgetConsumer(GrainRuntime grains, UserSpendWatch spend) : IConsumer<PartitionRollupForget>
{
    public async Task Consume(ConsumeContext<PartitionRollupForget> context)
    {
        var forget = context.Message;
        await RollupGrainForgetting.ForgetAsync(grains, spend, forget.ProjectId, forget.Scope, forget.Key);
        if (context.RequestId is not null)
        {
            await context.RespondAsync(new PartitionDeletionResult(true));
        }
    }
}
