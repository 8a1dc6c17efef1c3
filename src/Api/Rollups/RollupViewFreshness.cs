using Lantern.Grains.Rollups;
using Lantern.Silo.Cluster;

namespace Lantern.Api.Rollups;

/// <summary>
/// Whether a rollup grain here can answer from memory. On one node every commit reaches the key's grain. In a cluster only
/// the silo that owns the key's partition gets every silo's changes (over the broker); any other process (an api pod, a
/// silo that does not own the key, or one without a current view of its leases) would answer from what its grain read
/// when it activated, so it reads the key's rows again first: one primary-key read, and the answer is what is committed.
/// </summary>
public sealed class RollupViewFreshness(ClusterOptions cluster, IServiceProvider services)
{
    private readonly PartitionLeases? _leases = services.GetService<PartitionLeases>();

    public Task EnsureAsync(IRollupGrain grain, string grainKey) =>
        cluster.RabbitMqUrl.Length > 0 && !OwnedHere(grainKey) ? grain.RefreshAsync() : Task.CompletedTask;

    private bool OwnedHere(string grainKey) =>
        _leases is { HasView: true } leases && leases.Owned.ContainsKey(leases.PartitionOf(grainKey));
}
