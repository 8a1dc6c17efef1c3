namespace Lantern.IngestBench;

/// <summary>
/// What the server processes cost during the load: Lantern's and PostgreSQL's CPU, Lantern's peak RSS, its group commits, its own ack and commit latency histograms,
/// the node's own durations of the rollup reads, its evaluators' progress when it runs them, and what PostgreSQL's backends waited for when sampled; the warm-up before it;
/// and, when the node acknowledges from its ingestion journal, the seconds its last acknowledged batches took to be stored after the load (null without a journal).
/// </summary>
internal sealed record ServerFigures(
    double CpuSeconds, double PostgresCpuSeconds, double PeakRssMiB, ServerMetrics GroupCommit, ServerHistogram Acks, ServerHistogram CommitDurations, RollupReads Reads, EvaluatorRun? Evaluators, WarmUp WarmUp,
    PgWaitSampler? PostgresWaits, double? JournalDrainSeconds);
