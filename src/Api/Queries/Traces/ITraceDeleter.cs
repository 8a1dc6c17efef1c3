namespace Lantern.Api.Queries.Traces;

/// <summary>Deletes traces with their observations, scores and rollup contribution, wherever their grains live.</summary>
public interface ITraceDeleter
{
    Task DeleteAsync(string projectId, IReadOnlyList<string> traceIds, CancellationToken cancellationToken);
}
