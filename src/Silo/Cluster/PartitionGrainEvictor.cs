using Lantern.Contracts.Runtime;
using Lantern.Contracts.Traces;
using Lantern.Grains.Rollups;
using Lantern.Silo.Runtime;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Drops this silo's trace, score and rollup activations of partitions it lost: their memory may be behind what the new
/// owner writes (or, for rollup grains, receives), and a later lease on the same partition must start from what is stored.
/// </summary>
public sealed class PartitionGrainEvictor(GrainRuntime runtime, ClusterOptions options) : ILeaseObserver
{
    public async Task OnLeasesChangedAsync(LeaseChange change, CancellationToken cancellationToken)
    {
        if (change.Lost.Count == 0)
        {
            return;
        }

        var lost = change.Lost.ToHashSet();
        await runtime.DeactivateWhereAsync(
            (type, key) => (type == typeof(ITraceGrain) || type == typeof(IScoreGrain) || type.IsAssignableTo(typeof(IRollupGrain)))
                && lost.Contains(PartitionHash.Of(key, options.Partitions)),
            DeactivationReason.PartitionLost,
            cancellationToken);
    }
}
