using Lantern.Grains.Rollups;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Deletes traces and scores through the grains that own them, and returns once the deletions committed; and makes the
/// rollup grains of deleted rows forget them. On a single
/// node those grains are local; in a cluster they live on the silos holding the keys' partitions, and only their
/// leases may write (see <see cref="BrokerOwnerDeletions"/>).
/// </summary>
public interface IOwnerDeletions
{
    /// <summary>Deletes the traces with their observations, scores and rollup contributions.</summary>
    Task DeleteTracesAsync(string projectId, IReadOnlyCollection<string> traceIds, CancellationToken cancellationToken);

    /// <summary>Deletes one score of a trace (<paramref name="traceId"/>) or without one (empty); false when it was not there.</summary>
    Task<bool> DeleteScoreAsync(string projectId, string scoreId, string traceId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the grains holding these user, session or prompt rollup rows forget them (they were deleted, or the user was
    /// erased), wherever the keys' grains live; for a user also the spend alerts kept about them.
    /// </summary>
    Task ForgetRollupsAsync(string projectId, IReadOnlyCollection<(RollupScope Scope, string Key)> keys, CancellationToken cancellationToken);
}
