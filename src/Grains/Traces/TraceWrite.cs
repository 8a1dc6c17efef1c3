using Lantern.Grains.Rollups;

namespace Lantern.Grains.Traces;

/// <summary>
/// What one grain turn changed: rows to upsert (or the whole trace, or some scores, to delete) and the rollup delta,
/// committed in one transaction so that rollups can never disagree with the stored rows.
/// </summary>
public sealed record TraceWrite(
    string ProjectId,
    string TraceId,
    TraceRow? Trace,
    IReadOnlyList<ObservationRow> Observations,
    IReadOnlyList<ScoreRow> Scores,
    IReadOnlyDictionary<RollupKey, RollupValues> RollupDelta,
    bool DeleteTrace = false,
    IReadOnlyList<string>? DeletedScoreIds = null);
