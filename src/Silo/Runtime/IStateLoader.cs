namespace Lantern.Silo.Runtime;

/// <summary>The runtime's untyped handle on a grain's persisted state, to read it before activation.</summary>
internal interface IStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken = default);
}
