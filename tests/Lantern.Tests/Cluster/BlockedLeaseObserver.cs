using Lantern.Silo.Cluster;

namespace Lantern.Tests.Cluster;

/// <summary>A lease observer that does not return from an acquisition until the test releases it, like a silo busy
/// starting consumers or draining grains for longer than the lease timeout.</summary>
public sealed class BlockedLeaseObserver : ILeaseObserver
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the observer is blocked in an acquisition.</summary>
    public Task Entered => _entered.Task;

    public void Release() => _released.TrySetResult();

    public async Task OnLeasesChangedAsync(LeaseChange change, CancellationToken cancellationToken)
    {
        if (change.Acquired.Count > 0)
        {
            _entered.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
    }
}
