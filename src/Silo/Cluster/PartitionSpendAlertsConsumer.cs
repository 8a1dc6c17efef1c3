using Lantern.Grains.Rollups;
using Lantern.Silo.Runtime;
using MassTransit;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Answers a spend alert query from this silo's project grain. Only alerts of users whose partitions this silo owns now
/// go back: alerts it kept from partitions it lost belong to their new owner's answer (or are gone with the move).
/// </summary>
public sealed class PartitionSpendAlertsConsumer(GrainRuntime grains, PartitionLeases leases) : IConsumer<PartitionSpendAlertsQuery>
{
    public async Task Consume(ConsumeContext<PartitionSpendAlertsQuery> context)
    {
        var projectId = context.Message.ProjectId;
        var projectKey = $"{projectId}/";
        var alerts = grains.GetGrainIfActive<IProjectGrain>(projectKey) is { } project ? await project.GetUserSpendAlertsAsync() : [];
        var owned = leases.Owned;
        await context.RespondAsync(new PartitionSpendAlerts(
            [.. alerts.Where(a => owned.ContainsKey(leases.PartitionOf($"{projectId}/{a.UserId}")))]));
    }
}
