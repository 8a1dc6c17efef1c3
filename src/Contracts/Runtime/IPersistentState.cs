namespace Lantern.Contracts.Runtime;

/// <summary>A grain's persisted state, read before the grain is activated (Orleans' <c>IPersistentState&lt;T&gt;</c>).</summary>
/// <typeparam name="TState">The state type; owned by exactly one grain type.</typeparam>
public interface IPersistentState<TState> where TState : class, new()
{
    /// <summary>The in-memory copy of the state.</summary>
    TState State { get; set; }

    /// <summary>The version the in-memory copy was read or written at; null when no row exists.</summary>
    string? Etag { get; }

    /// <summary>Whether a persisted row exists for this grain.</summary>
    bool RecordExists { get; }

    /// <summary>Reloads the state from storage, replacing the in-memory copy.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state. Throws <see cref="InconsistentStateException"/> when storage holds a newer version.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the persisted row and resets the state to a new instance.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
