namespace Lantern.Grains.Traces;

/// <summary>Where trace grains load their state from and commit their changes to (PostgreSQL in the silo).</summary>
public interface ITraceStore
{
    Task<TraceAggregate> LoadAsync(string projectId, string traceId, CancellationToken cancellationToken);

    /// <summary>Loads a score that belongs to no trace; null when it is not stored.</summary>
    Task<Entity?> LoadScoreAsync(string projectId, string scoreId, CancellationToken cancellationToken);

    /// <summary>Commits the write (batched with other grains' writes); completes once it is durable.</summary>
    Task CommitAsync(TraceWrite write, CancellationToken cancellationToken);
}
