using Lantern.Grains.Traces;

namespace Lantern.Silo.Traces;

/// <summary>A trace grain's activation waiting for the next group load, with the task it awaits.</summary>
internal sealed class PendingLoad(string projectId, string traceId)
{
    private readonly TaskCompletionSource<TraceAggregate> _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ProjectId => projectId;

    public string TraceId => traceId;

    public TraceAggregate Aggregate { get; } = new();

    public Task<TraceAggregate> Loaded => _loaded.Task;

    public void Complete() => _loaded.TrySetResult(Aggregate);

    public void Fail(Exception exception) => _loaded.TrySetException(exception);
}
