namespace Lantern.Contracts.Runtime;

/// <summary>A grain state storage provider with optimistic concurrency (Orleans' <c>IGrainStorage</c>).</summary>
public interface IGrainStorage
{
    /// <summary>Reads the state of one grain; null when no row exists.</summary>
    Task<StoredState<TState>?> ReadAsync<TState>(string grainType, string key, CancellationToken cancellationToken)
        where TState : class;

    /// <summary>Writes the state if storage still holds <paramref name="expectedEtag"/> (null: no row yet).</summary>
    /// <returns>The new etag.</returns>
    /// <exception cref="InconsistentStateException">Storage holds another version.</exception>
    Task<string> WriteAsync<TState>(string grainType, string key, TState state, string? expectedEtag, CancellationToken cancellationToken)
        where TState : class;

    /// <summary>Deletes the row if storage still holds <paramref name="expectedEtag"/>.</summary>
    /// <exception cref="InconsistentStateException">Storage holds another version.</exception>
    Task ClearAsync(string grainType, string key, string? expectedEtag, CancellationToken cancellationToken);
}
