namespace Lantern.Silo.Cluster;

/// <summary>
/// A score to delete, on its way to the silo that owns the grain holding it: the trace grain of its trace (which also
/// takes it out of the rollups) or, for a score without a trace (<c>TraceId</c> empty), its own score grain. It travels in
/// the same queue as that grain's events, as a request: the owner answers with a <see cref="PartitionDeletionResult"/>.
/// </summary>
public sealed record PartitionScoreDeletion(string ProjectId, string ScoreId, string TraceId) : IOrderedPartitionMessage
{
    /// <summary>The key of the grain that deletes the score, which is also the key the partition is computed from.</summary>
    public string GrainKey => PartitionKeys.Trace(ProjectId, TraceId.Length > 0 ? TraceId : ScoreId);

    string IOrderedPartitionMessage.OrderKey => GrainKey;
}
