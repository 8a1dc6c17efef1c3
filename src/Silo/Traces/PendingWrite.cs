using Lantern.Grains.Traces;
using Lantern.Silo.Cluster;

namespace Lantern.Silo.Traces;

/// <summary>A grain's write waiting for the next group commit, with the task its caller awaits.</summary>
internal sealed class PendingWrite(TraceWrite write, WriteFence? fence)
{
    private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TraceWrite Write => write;

    /// <summary>The partition lease the write is made under; null on a single node.</summary>
    public WriteFence? Fence => fence;

    public Task Committed => _committed.Task;

    public void Complete() => _committed.TrySetResult();

    public void Fail(Exception exception) => _committed.TrySetException(exception);
}
