using Lantern.Grains.Rollups;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Rollup rows of a user, session or prompt that were deleted (erasure, retention), on their way to the owner of the
/// rollup grain's partition, which makes its grains forget them (<see cref="RollupGrainForgetting"/>). It travels as a
/// request in the partition's queue, in order with the rollup changes; the owner answers with a
/// <see cref="PartitionDeletionResult"/>.
/// </summary>
public sealed record PartitionRollupForget(string ProjectId, RollupScope Scope, string Key) : IOrderedPartitionMessage
{
    /// <summary>The rollup grain's key, which is also the key the partition is computed from.</summary>
    public string GrainKey => $"{ProjectId}/{Key}";

    // Behind the rollup changes queued before it, so a late change cannot refill what the grain just forgot.
    string IOrderedPartitionMessage.OrderKey => PartitionRollupChanges.RollupOrderKey;
}
