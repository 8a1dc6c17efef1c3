using Lantern.Grains.Rollups;

namespace Lantern.Silo.Rollups;

/// <summary>
/// A single node's notifier: it counts each commit's spend and hands the changes to its own rollup grains, which are the
/// only ones there are.
/// </summary>
public sealed class GrainRollupNotifier(RollupSpendMetrics spend, RollupGrainDelivery delivery) : IRollupNotifier
{
    public void Notify(IReadOnlyList<RollupChange> changes)
    {
        spend.Record(changes);
        delivery.Deliver(changes);
    }
}
