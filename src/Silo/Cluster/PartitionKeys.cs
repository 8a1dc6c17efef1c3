using Lantern.Grains.Traces;

namespace Lantern.Silo.Cluster;

/// <summary>
/// The key a piece of work is partitioned by: the grain key the ingestion router sends it to (<c>project/trace</c>, or
/// <c>project/score</c> for a score that belongs to no trace), so the API and the silos agree on its partition.
/// </summary>
public static class PartitionKeys
{
    public static string Trace(string projectId, string traceId) => $"{projectId}/{traceId}";

    public static string Of(TraceWrite write) =>
        write.TraceId.Length > 0 || write.Scores.Count == 0 ? Trace(write.ProjectId, write.TraceId) : Trace(write.ProjectId, write.Scores[0].Id);
}
