namespace Lantern.Silo.Cluster;

/// <summary>
/// A trace to delete, on its way from the API to the silo that owns the trace's partition: only the owner's trace grain
/// holds the trace in memory and only its lease may write, so the deletion runs there, through the fenced group commit.
/// It travels in the same queue as the trace's events. Deleting twice changes nothing.
/// </summary>
public sealed record PartitionTraceDeletion(string ProjectId, string TraceId) : IOrderedPartitionMessage
{
    /// <summary>The key of the trace grain, which is also the key the partition is computed from.</summary>
    public string GrainKey => PartitionKeys.Trace(ProjectId, TraceId);

    string IOrderedPartitionMessage.OrderKey => GrainKey;
}
