namespace Lantern.IngestBench;

/// <summary>The warm-up before the measured load: how long it ran, whether the node's JIT settled in it, and its JIT time.</summary>
internal sealed record WarmUp(double Seconds, bool JitSettled, double JitSeconds);
