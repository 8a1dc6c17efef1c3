using Lantern.Contracts.Runtime;

namespace Lantern.Tests.Runtime;

public sealed class CounterGrain(IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    private int _inFlight;
    private int _maxInFlight;

    public Task<int> IncrementAsync() => Task.FromResult(++state.State.Count);

    public Task<int> GetAsync() => Task.FromResult(state.State.Count);

    public Task FlushAsync() => state.WriteStateAsync();

    public Task FailAsync() => throw new InvalidOperationException("turn failed on purpose");

    public async Task<int> IncrementTrackingOverlapAsync()
    {
        var now = Interlocked.Increment(ref _inFlight);
        _maxInFlight = Math.Max(_maxInFlight, now);
        await Task.Yield();
        await Task.Delay(1);
        state.State.Count++;
        Interlocked.Decrement(ref _inFlight);
        return _maxInFlight;
    }

    public async Task MeetAsync(MeetingPoint probe)
    {
        probe.Arrive();
        await probe.AllArrived.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public Task StartFlushTimerAsync(TimeSpan period)
    {
        Context.RegisterTimer(_ => state.WriteStateAsync(), period, period);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        state.WriteStateAsync(cancellationToken);
}
