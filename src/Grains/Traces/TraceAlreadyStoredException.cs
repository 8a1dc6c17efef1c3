namespace Lantern.Grains.Traces;

/// <summary>
/// A write of a grain that took its trace for new (<see cref="TraceWrite.Unread"/>) found rows of the trace stored: nothing
/// of it was committed, and the grain must read what is stored and merge its events again.
/// </summary>
public sealed class TraceAlreadyStoredException(string projectId, string traceId)
    : Exception($"Trace '{traceId}' of project '{projectId}' has stored rows its grain did not read.");
