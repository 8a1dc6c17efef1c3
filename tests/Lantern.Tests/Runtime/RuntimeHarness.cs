using Lantern.Contracts.Runtime;
using Lantern.Silo.Runtime;
using Lantern.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lantern.Tests.Runtime;

/// <summary>A grain runtime with the counter grain, a fake clock and the given storage (in-memory by default).</summary>
public sealed class RuntimeHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public RuntimeHarness(int maxActivations = 10_000, IGrainStorage? storage = null, Action<GrainRuntimeOptions>? configure = null)
    {
        Storage = storage ?? new InMemoryGrainStorage();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Storage);
        services.AddGrainRuntime(o =>
        {
            o.MaxActivations = maxActivations;
            o.IdleTimeout = TimeSpan.FromMinutes(1);
            configure?.Invoke(o);
        });
        services.AddGrain<ICounterGrain, CounterGrain>();
        _services = services.BuildServiceProvider();
        Runtime = _services.GetRequiredService<GrainRuntime>();
    }

    public FakeTimeProvider Time { get; } = new();

    public IGrainStorage Storage { get; }

    public GrainRuntime Runtime { get; }

    public ICounterGrain Counter(string key) => Runtime.GetGrain<ICounterGrain>(key);

    public async Task<int?> StoredCountAsync(string key) =>
        (await Storage.ReadAsync<CounterState>(nameof(CounterGrain), key, CancellationToken.None))?.State.Count;

    public async ValueTask DisposeAsync()
    {
        await Runtime.ShutdownAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
