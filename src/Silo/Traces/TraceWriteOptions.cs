namespace Lantern.Silo.Traces;

/// <summary>Group commit limits.</summary>
public sealed class TraceWriteOptions
{
    /// <summary>Most grain writes committed in one transaction.</summary>
    public int MaxWritesPerBatch { get; set; } = 2_000;

    /// <summary>Most writes waiting for a commit; beyond it callers wait (back-pressure instead of unbounded memory).</summary>
    public int MaxPendingWrites { get; set; } = 20_000;

    /// <summary>
    /// Group commits in flight at once. One committer leaves PostgreSQL idle while Lantern builds the next batch and waits
    /// for the WAL flush; a second overlaps them; a third keeps a request's last traces from waiting for a loop while the
    /// other two carry its first few (docs/benchmarks.md, rounds 11 and 15).
    /// </summary>
    public int MaxConcurrentCommits { get; set; } = 3;
}
