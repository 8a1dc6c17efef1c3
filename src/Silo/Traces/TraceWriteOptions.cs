namespace Lantern.Silo.Traces;

/// <summary>Group commit limits.</summary>
public sealed class TraceWriteOptions
{
    /// <summary>Most grain writes committed in one transaction.</summary>
    public int MaxWritesPerBatch { get; set; } = 2_000;

    /// <summary>Most writes waiting for a commit; beyond it callers wait (back-pressure instead of unbounded memory).</summary>
    public int MaxPendingWrites { get; set; } = 20_000;
}
