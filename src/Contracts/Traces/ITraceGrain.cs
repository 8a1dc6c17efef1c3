using Lantern.Contracts.Ingestion;
using Lantern.Contracts.Runtime;

namespace Lantern.Contracts.Traces;

/// <summary>
/// One trace (key <c>projectId/traceId</c>): merges its trace, observation and score events in any order, prices
/// generations, and stores the result. A call returns once the merged rows are committed to PostgreSQL.
/// </summary>
public interface ITraceGrain : IGrain
{
    /// <summary>Merges the events (idempotent: resending them changes nothing) and commits the changed rows.</summary>
    Task ApplyAsync(IReadOnlyList<IngestionEvent> events);

    /// <summary>Deletes the trace with its observations and scores, and removes its contribution to every rollup.</summary>
    Task DeleteAsync();

    /// <summary>Deletes one of the trace's scores and removes it from the rollups; false when the trace has no such score.</summary>
    Task<bool> DeleteScoreAsync(string scoreId);
}
