namespace Lantern.Grains.Traces;

/// <summary>Where trace grains load their state from and commit their changes to (PostgreSQL in the silo).</summary>
public interface ITraceStore
{
    Task<TraceAggregate> LoadAsync(string projectId, string traceId, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a new activation of the trace's grain (key <c>projectId/traceId</c>) reads what is stored before its first
    /// write. When not, the grain takes the trace for new and its first commit checks that (<see cref="TraceWrite.Unread"/>).
    /// </summary>
    bool ReadsOnActivation(string grainKey);

    /// <summary>The trace's grain leaves memory: a later activation may find rows stored.</summary>
    void Released(string grainKey);

    /// <summary>Loads a score that belongs to no trace; null when it is not stored.</summary>
    Task<Entity?> LoadScoreAsync(string projectId, string scoreId, CancellationToken cancellationToken);

    /// <summary>Commits the write (batched with other grains' writes); completes once it is durable.</summary>
    Task CommitAsync(TraceWrite write, CancellationToken cancellationToken);
}
