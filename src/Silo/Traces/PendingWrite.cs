using Lantern.Grains.Traces;

namespace Lantern.Silo.Traces;

/// <summary>A grain's write waiting for the next group commit, with the task its caller awaits.</summary>
internal sealed class PendingWrite(TraceWrite write)
{
    private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TraceWrite Write => write;

    public Task Committed => _committed.Task;

    public void Complete() => _committed.TrySetResult();

    public void Fail(Exception exception) => _committed.TrySetException(exception);
}
