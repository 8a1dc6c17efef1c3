using System.Collections.Frozen;
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
    IReadOnlyList<string>? DeletedScoreIds = null)
{
    /// <summary>The trace row is not stored yet (as far as its grain knows): the commit may insert it instead of upserting.</summary>
    public bool TraceIsNew { get; init; }

    /// <summary>
    /// The grain has not read what is stored for its trace (it took the trace for new): the commit checks that nothing is,
    /// and fails the write with <see cref="TraceAlreadyStoredException"/> when something is.
    /// </summary>
    public bool Unread { get; init; }

    /// <summary>Which of <see cref="Observations"/> are not stored yet (as far as their grain knows).</summary>
    public IReadOnlySet<string> NewObservationIds { get; init; } = FrozenSet<string>.Empty;
}
