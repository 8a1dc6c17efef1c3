using System.Diagnostics;
using System.Threading.Channels;
using Lantern.Contracts.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Runtime;

/// <summary>
/// One activation of a grain: a mailbox drained by a single loop, so turns never overlap.
/// It waits for the previous activation of the same key to finish deactivating before it reads state,
/// so a new activation never sees state older than the one its predecessor wrote.
/// </summary>
internal sealed partial class GrainActivation : IGrainContext
{
    private readonly Channel<WorkItem> _mailbox = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<GrainTimer> _timers = [];
    private readonly GrainRuntime _runtime;
    private readonly GrainTypeInfo _type;
    private readonly GrainActivation? _predecessor;
    private int _queueLength;
    private long _lastUsed;
    private int _closing;

    public GrainActivation(GrainRuntime runtime, GrainTypeInfo type, string key, GrainActivation? predecessor)
    {
        _runtime = runtime;
        _type = type;
        _predecessor = predecessor;
        Key = key;
        _lastUsed = runtime.TimeProvider.GetTimestamp();
    }

    public string Key { get; }

    public string GrainType => _type.Name;

    internal GrainTypeInfo TypeInfo => _type;

    public IGrainFactory GrainFactory => _runtime;

    public TimeProvider TimeProvider => _runtime.TimeProvider;

    public int QueueLength => Volatile.Read(ref _queueLength);

    public long LastUsed => Volatile.Read(ref _lastUsed);

    public bool IsClosing => Volatile.Read(ref _closing) == 1;

    /// <summary>Completes once the activation has deactivated (or failed to activate).</summary>
    public Task Completion => _completed.Task;

    internal CancellationToken Stopping => _stopping.Token;

    public void Start() => _ = Task.Run(RunAsync);

    public bool TryEnqueue(WorkItem item)
    {
        Interlocked.Increment(ref _queueLength);
        if (item.IsCall)
        {
            Volatile.Write(ref _lastUsed, _runtime.TimeProvider.GetTimestamp());
        }

        if (_mailbox.Writer.TryWrite(item))
        {
            return true;
        }

        Interlocked.Decrement(ref _queueLength);
        return false;
    }

    /// <summary>Marks the activation closing and queues its last turn. Returns false if it was already closing.</summary>
    public bool BeginDeactivation(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
        {
            return false;
        }

        TryEnqueue(new DeactivationWorkItem(reason, cancellationToken));
        return true;
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period, _runtime.TimeProvider);
        _timers.Add(timer);
        return timer;
    }

    public void DeactivateOnIdle() => _runtime.Deactivate(this, DeactivationReason.Requested);

    private async Task RunAsync()
    {
        Grain grain;
        try
        {
            grain = await ActivateAsync();
        }
        catch (Exception exception)
        {
            LogActivationFailed(_runtime.Logger, exception, GrainType, Key);
            _runtime.Remove(this);
            _mailbox.Writer.TryComplete();
            FailQueued(exception);
            _completed.TrySetResult();
            return;
        }

        _runtime.Metrics.Activated(GrainType);
        try
        {
            await DrainAsync(grain);
        }
        finally
        {
            _runtime.Metrics.Deactivated(GrainType);
            _completed.TrySetResult();
        }
    }

    private async Task<Grain> ActivateAsync()
    {
        if (_predecessor is not null)
        {
            await _predecessor.Completion;
        }

        var states = _type.CreateStates(_runtime.Storage, Key);
        foreach (var state in states)
        {
            await state.ReadStateAsync(_stopping.Token);
        }

        var grain = (Grain)ActivatorUtilities.CreateInstance(_runtime.Services, _type.ImplementationType, [.. states]);
        grain.Attach(this);
        await grain.OnActivateAsync(_stopping.Token);
        return grain;
    }

    private async Task DrainAsync(Grain grain)
    {
        var reader = _mailbox.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var item))
            {
                Interlocked.Decrement(ref _queueLength);
                await RunTurnAsync(grain, item);
                if (item is DeactivationWorkItem)
                {
                    Close();
                    return;
                }
            }
        }
    }

    private async Task RunTurnAsync(Grain grain, WorkItem item)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await item.RunAsync(grain);
        }
        catch (Exception exception)
        {
            // The caller gets the exception; the activation lives on, as in Orleans.
            outcome = "error";
            if (!item.IsCall)
            {
                LogTurnFailed(_runtime.Logger, exception, GrainType, Key, item.GetType().Name);
            }
        }

        _runtime.Metrics.TurnCompleted(GrainType, outcome, Stopwatch.GetElapsedTime(started));
    }

    private void Close()
    {
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }

        _stopping.Cancel();
        _mailbox.Writer.TryComplete();
        // Calls that raced with deactivation go to the next activation of this key, which waits for this one.
        while (_mailbox.Reader.TryRead(out var late))
        {
            Interlocked.Decrement(ref _queueLength);
            if (!late.IsCall)
            {
                late.Fail(new OperationCanceledException("The activation was deactivated."));
                continue;
            }

            try
            {
                _runtime.Forward(_type, Key, late);
            }
            catch (InvalidOperationException exception)
            {
                late.Fail(exception);
            }
        }
    }

    private void FailQueued(Exception exception)
    {
        while (_mailbox.Reader.TryRead(out var item))
        {
            Interlocked.Decrement(ref _queueLength);
            item.Fail(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Activation of {GrainType}/{Key} failed")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, string grainType, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn {Turn} of {GrainType}/{Key} failed")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string grainType, string key, string turn);
}
