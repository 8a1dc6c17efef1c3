using Lantern.Contracts.Rollups;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Reads a project's recent user spend alerts. A user grain reports its alerts to the project grain of its own process,
/// so on a single node they are all here; in a cluster each silo holds those of the users whose partitions it owns
/// (see <see cref="BrokerSpendAlertReader"/>).
/// </summary>
public interface ISpendAlertReader
{
    /// <summary>The most recent alerts, newest first.</summary>
    Task<IReadOnlyList<UserSpendAlert>> ReadAsync(string projectId, CancellationToken cancellationToken);
}
