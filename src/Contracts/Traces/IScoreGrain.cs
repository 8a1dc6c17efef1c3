using Lantern.Contracts.Ingestion;
using Lantern.Contracts.Runtime;

namespace Lantern.Contracts.Traces;

/// <summary>A score that belongs to no trace (on a session or a dataset run), key <c>projectId/scoreId</c>.</summary>
public interface IScoreGrain : IGrain
{
    /// <summary>Merges the score events and commits the row.</summary>
    Task ApplyAsync(IReadOnlyList<IngestionEvent> events);

    /// <summary>Deletes the score; false when there is none.</summary>
    Task<bool> DeleteAsync();
}
