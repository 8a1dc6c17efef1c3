namespace Lantern.Tests.Runtime;

/// <summary>Completes once <c>expected</c> callers have arrived: proof that they ran at the same time.</summary>
public sealed class MeetingPoint(int expected)
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public Task AllArrived => _all.Task;

    public void Arrive()
    {
        if (Interlocked.Increment(ref _arrived) == expected)
        {
            _all.SetResult();
        }
    }
}
