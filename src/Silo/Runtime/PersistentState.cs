using Lantern.Contracts.Runtime;

namespace Lantern.Silo.Runtime;

/// <summary>A grain's state bound to a storage provider; the etag makes a write from a stale copy fail.</summary>
internal sealed class PersistentState<TState>(IGrainStorage storage, string grainType, string key)
    : IPersistentState<TState>, IStateLoader
    where TState : class, new()
{
    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await storage.ReadAsync<TState>(grainType, key, cancellationToken);
        State = stored?.State ?? new TState();
        Etag = stored?.Etag;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        Etag = await storage.WriteAsync(grainType, key, State, Etag, cancellationToken);

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ClearAsync(grainType, key, Etag, cancellationToken);
        State = new TState();
        Etag = null;
    }
}
