namespace Lantern.Contracts.Runtime;

/// <summary>A state as read from storage, with the version it was stored at.</summary>
/// <param name="State">The state.</param>
/// <param name="Etag">The stored version.</param>
public sealed record StoredState<TState>(TState State, string Etag) where TState : class;
