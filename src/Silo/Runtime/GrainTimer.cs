namespace Lantern.Silo.Runtime;

/// <summary>A grain timer: each tick is queued as a turn; a tick is skipped while the previous one is still queued.</summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly ITimer _timer;
    private int _pending;
    private bool _disposed;

    public GrainTimer(GrainActivation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, TimeProvider timeProvider)
    {
        _activation = activation;
        _callback = callback;
        _timer = timeProvider.CreateTimer(_ => Tick(), null, dueTime, period);
    }

    private void Tick()
    {
        if (_disposed || Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }

        if (!_activation.TryEnqueue(new TimerWorkItem(this)))
        {
            TickDone();
        }
    }

    public async Task FireAsync()
    {
        try
        {
            if (!_disposed)
            {
                await _callback(_activation.Stopping);
            }
        }
        finally
        {
            TickDone();
        }
    }

    public void TickDone() => Volatile.Write(ref _pending, 0);

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }
}
