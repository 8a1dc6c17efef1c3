namespace Lantern.IngestBench;

/// <summary>A batch the server answered 207: its traces (consecutive indexes) and the ids of the events it rejected.</summary>
internal sealed record AckedBatch(long FirstTrace, int Traces, HashSet<string> RejectedIds);
