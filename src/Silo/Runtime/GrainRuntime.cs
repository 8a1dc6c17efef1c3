using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Lantern.Contracts.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Runtime;

/// <summary>
/// The in-process grain runtime: a directory of activations keyed by grain type and key, created on first call,
/// deactivated when idle or when the activation bound is reached (least recently used first), flushed on shutdown.
/// </summary>
public sealed class GrainRuntime : IGrainFactory
{
    private readonly ConcurrentDictionary<(GrainTypeInfo Type, string Key), GrainActivation> _directory = new();
    private readonly ConcurrentDictionary<(GrainTypeInfo Type, string Key), GrainActivation> _closing = new();
    private readonly Dictionary<Type, GrainTypeInfo> _types;
    private readonly Lock _lifecycle = new();
    private readonly EvictionCandidates _evictionCandidates = new(roundsPerScan: 4);
    private readonly GrainRuntimeOptions _options;
    private bool _shuttingDown;

    // The directory's size, kept under the lifecycle lock: ConcurrentDictionary.Count takes every one of its locks,
    // and each activation checked the bound with it.
    private int _activations;

    public GrainRuntime(
        IEnumerable<GrainRegistration> registrations,
        IGrainStorage storage,
        IServiceProvider services,
        IOptions<GrainRuntimeOptions> options,
        ILogger<GrainRuntime> logger,
        IMeterFactory meterFactory,
        TimeProvider timeProvider)
    {
        _types = registrations.ToDictionary(r => r.InterfaceType, r => new GrainTypeInfo(r.InterfaceType, r.ImplementationType));
        _options = options.Value;
        Storage = storage;
        Services = services;
        Logger = logger;
        TimeProvider = timeProvider;
        Metrics = new GrainRuntimeMetrics(meterFactory.Create(SiloMeter.Name), QueueLengths);
    }

    internal IGrainStorage Storage { get; }

    internal IServiceProvider Services { get; }

    internal ILogger Logger { get; }

    internal TimeProvider TimeProvider { get; }

    internal GrainRuntimeMetrics Metrics { get; }

    /// <summary>Activations currently addressable (not counting ones finishing their deactivation).</summary>
    public int ActivationCount => Volatile.Read(ref _activations);

    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrain
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_types.TryGetValue(typeof(TGrain), out var type))
        {
            throw new InvalidOperationException($"No grain class is registered for {typeof(TGrain).Name}.");
        }

        return (TGrain)(object)type.UnboundProxy.Bound(this, type, key);
    }

    /// <summary>Whether the key has an addressable activation now (a call would not have to activate it).</summary>
    public bool IsActive<TGrain>(string key) where TGrain : IGrain =>
        _types.TryGetValue(typeof(TGrain), out var type) && _directory.ContainsKey((type, key));

    /// <summary>The key's grain when it is active now, else null: for messages only a grain holding state needs.</summary>
    public TGrain? GetGrainIfActive<TGrain>(string key) where TGrain : class, IGrain =>
        IsActive<TGrain>(key) ? GetGrain<TGrain>(key) : null;

    internal Task<TResult> Call<TResult>(GrainTypeInfo type, string key, Func<Grain, Task<TResult>> call)
    {
        var item = new CallWorkItem<TResult>(call);
        try
        {
            Forward(type, key, item);
        }
        catch (InvalidOperationException exception)
        {
            return Task.FromException<TResult>(exception);
        }

        return item.Completion;
    }

    /// <summary>Queues a turn on the current activation of the key, activating it when needed.</summary>
    internal void Forward(GrainTypeInfo type, string key, WorkItem item)
    {
        while (true)
        {
            if (!_directory.TryGetValue((type, key), out var activation))
            {
                activation = Activate(type, key);
            }

            if (activation.TryEnqueue(item))
            {
                return;
            }
        }
    }

    private GrainActivation Activate(GrainTypeInfo type, string key)
    {
        List<GrainActivation>? victims = null;
        GrainActivation activation;
        lock (_lifecycle)
        {
            if (_shuttingDown)
            {
                throw new InvalidOperationException("The silo is shutting down; grain calls are refused.");
            }

            if (_directory.TryGetValue((type, key), out var existing))
            {
                return existing;
            }

            if (_activations >= _options.MaxActivations)
            {
                victims = _evictionCandidates.Take(
                    Math.Max(1, (int)(_options.MaxActivations * _options.EvictionFraction)), _directory.Select(entry => entry.Value), IsCurrent);
                victims.ForEach(Retire);
            }

            _closing.TryGetValue((type, key), out var predecessor);
            activation = new GrainActivation(this, type, key, predecessor);
            _directory[(type, key)] = activation;
            _activations++;
        }

        victims?.ForEach(v => Close(v, DeactivationReason.MemoryPressure));
        activation.Start();
        return activation;
    }

    /// <summary>Removes the activation from the directory (new calls get a fresh one) and queues its last turn.</summary>
    internal void Deactivate(GrainActivation activation, DeactivationReason reason)
    {
        lock (_lifecycle)
        {
            if (!IsCurrent(activation))
            {
                return;
            }

            Retire(activation);
        }

        Close(activation, reason);
    }

    // Under the lifecycle lock: the next activation of this key will find this one in _closing and wait for it.
    private void Retire(GrainActivation activation)
    {
        var id = (activation.TypeInfo, activation.Key);
        if (_directory.TryRemove(id, out _))
        {
            _activations--;
        }

        _closing[id] = activation;
        activation.Completion.ContinueWith(
            _ => _closing.TryRemove(new KeyValuePair<(GrainTypeInfo, string), GrainActivation>(id, activation)),
            TaskScheduler.Default);
    }

    private static void Close(GrainActivation activation, DeactivationReason reason) =>
        activation.BeginDeactivation(reason, CancellationToken.None);

    internal void Remove(GrainActivation activation)
    {
        lock (_lifecycle)
        {
            if (_directory.TryRemove(new KeyValuePair<(GrainTypeInfo, string), GrainActivation>((activation.TypeInfo, activation.Key), activation)))
            {
                _activations--;
            }
        }
    }

    /// <summary>Deactivates activations with no call for longer than their interface's idle timeout.</summary>
    public int CollectIdle()
    {
        var idle = _directory.Values
            .Where(a => a.QueueLength == 0 &&
                        TimeProvider.GetElapsedTime(a.LastUsed) >= _options.IdleTimeouts.GetValueOrDefault(a.TypeInfo.InterfaceType, _options.IdleTimeout))
            .ToList();
        idle.ForEach(a => Deactivate(a, DeactivationReason.Idle));
        return idle.Count;
    }

    /// <summary>Deactivates the activations a predicate on (grain interface, key) selects and waits until they are gone.</summary>
    public async Task DeactivateWhereAsync(Func<Type, string, bool> select, DeactivationReason reason, CancellationToken cancellationToken)
    {
        var selected = _directory.Values.Where(a => select(a.TypeInfo.InterfaceType, a.Key)).ToList();
        selected.ForEach(a => Deactivate(a, reason));
        await Task.WhenAll(selected.Select(a => a.Completion)).WaitAsync(cancellationToken);
    }

    /// <summary>Refuses new activations, deactivates every activation (each flushes its state) and waits for them.</summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        List<GrainActivation> all;
        lock (_lifecycle)
        {
            _shuttingDown = true;
            all = [.. _directory.Values];
        }

        all.ForEach(a => Deactivate(a, DeactivationReason.Shutdown));
        await Task.WhenAll(all.Select(a => a.Completion).Concat(_closing.Values.Select(a => a.Completion)))
            .WaitAsync(cancellationToken);
    }

    private bool IsCurrent(GrainActivation activation) =>
        _directory.TryGetValue((activation.TypeInfo, activation.Key), out var current) && current == activation;

    private IEnumerable<Measurement<int>> QueueLengths() =>
        _directory.Values
            .GroupBy(a => a.GrainType)
            .Select(g => new Measurement<int>(g.Sum(a => a.QueueLength), new KeyValuePair<string, object?>("grain_type", g.Key)));
}
