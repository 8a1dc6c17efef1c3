using Lantern.Grains.Traces;

namespace Lantern.Silo.Traces;

/// <summary>
/// The rows a run of grain writes leaves: the last write of a row carries its newest state. Rows their grain knows to be
/// new are apart (to be inserted, not upserted) unless <c>insertNewRows</c> is off. Every list is in key order, so that
/// concurrent commits lock the rows they share in the same order.
/// </summary>
internal sealed record CommitRows(
    List<TraceRow> NewTraces,
    List<TraceRow> StoredTraces,
    List<ObservationRow> NewObservations,
    List<ObservationRow> StoredObservations,
    List<ScoreRow> Scores)
{
    public int TraceCount => NewTraces.Count + StoredTraces.Count;

    public int ObservationCount => NewObservations.Count + StoredObservations.Count;

    public static CommitRows Of(IReadOnlyList<TraceWrite> writes, bool insertNewRows)
    {
        var traces = LastPerKey(writes.Where(w => w.Trace is not null).Select(w => (Row: w.Trace!, New: w.TraceIsNew)), t => (t.Row.ProjectId, t.Row.Id));
        var observations = LastPerKey(
            writes.SelectMany(w => w.Observations.Select(o => (Row: o, New: w.NewObservationIds.Contains(o.Id)))), o => (o.Row.ProjectId, o.Row.Id));
        var (newTraces, storedTraces) = Split(traces, insertNewRows);
        var (newObservations, storedObservations) = Split(observations, insertNewRows);
        return new CommitRows(newTraces, storedTraces, newObservations, storedObservations, LastPerKey(writes.SelectMany(w => w.Scores), s => (s.ProjectId, s.Id)));
    }

    private static (List<T> New, List<T> Stored) Split<T>(List<(T Row, bool New)> rows, bool insertNewRows)
    {
        var (inserted, upserted) = (new List<T>(), new List<T>(rows.Count));
        foreach (var (row, isNew) in rows)
        {
            (isNew && insertNewRows ? inserted : upserted).Add(row);
        }

        return (inserted, upserted);
    }

    private static List<T> LastPerKey<T>(IEnumerable<T> rows, Func<T, (string ProjectId, string Id)> key)
    {
        var last = new Dictionary<(string ProjectId, string Id), T>();
        foreach (var row in rows)
        {
            last[key(row)] = row;
        }

        return [.. last.OrderBy(r => r.Key.ProjectId, StringComparer.Ordinal).ThenBy(r => r.Key.Id, StringComparer.Ordinal).Select(r => r.Value)];
    }
}
