namespace Lantern.Silo.Cluster;

/// <summary>
/// Reacts to this silo's lease changes (drop activations of lost partitions, start and stop queue consumers). The lease
/// manager awaits every observer before its next rebalance, so a lost partition is drained before it can be taken back.
/// </summary>
public interface ILeaseObserver
{
    Task OnLeasesChangedAsync(LeaseChange change, CancellationToken cancellationToken);
}
