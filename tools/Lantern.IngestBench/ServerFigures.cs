namespace Lantern.IngestBench;

/// <summary>
/// What the server processes cost during the load: Lantern's and PostgreSQL's CPU, Lantern's peak RSS, its group commits, its own ack and commit latency histograms,
/// its evaluators' progress when it runs them, and what PostgreSQL's backends waited for when sampled; and the warm-up before it.
/// </summary>
internal sealed record ServerFigures(
    double CpuSeconds, double PostgresCpuSeconds, double PeakRssMiB, ServerMetrics GroupCommit, ServerHistogram Acks, ServerHistogram CommitDurations, EvaluatorRun? Evaluators, WarmUp WarmUp,
    PgWaitSampler? PostgresWaits);
