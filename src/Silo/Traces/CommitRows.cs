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
        var traces = new List<(TraceRow Row, bool New)>(writes.Count);
        var observations = new List<(ObservationRow Row, bool New)>(writes.Count * 2);
        var scores = new List<ScoreRow>();
        foreach (var write in writes)
        {
            if (write.Trace is not null)
            {
                traces.Add((write.Trace, write.TraceIsNew));
            }

            foreach (var observation in write.Observations)
            {
                observations.Add((observation, write.NewObservationIds.Contains(observation.Id)));
            }

            scores.AddRange(write.Scores);
        }

        var (newTraces, storedTraces) = Split(LastPerKey(traces, t => t.Row.ProjectId, t => t.Row.Id), insertNewRows);
        var (newObservations, storedObservations) = Split(LastPerKey(observations, o => o.Row.ProjectId, o => o.Row.Id), insertNewRows);
        return new CommitRows(newTraces, storedTraces, newObservations, storedObservations, LastPerKey(scores, s => s.ProjectId, s => s.Id));
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

    /// <summary>
    /// The rows in (project, id) order, each key once with its last row: sorts the keys with their positions (ties by
    /// position) and keeps the last of each run of equal keys. A dictionary of tuple keys and LINQ's two-key ordering were
    /// about 1 % of the node's CPU under load.
    /// </summary>
    private static List<T> LastPerKey<T>(List<T> rows, Func<T, string> project, Func<T, string> id)
    {
        var keys = new (string Project, string Id, int Position)[rows.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = (project(rows[i]), id(rows[i]), i);
        }

        Array.Sort(keys, static (a, b) =>
        {
            var byProject = string.CompareOrdinal(a.Project, b.Project);
            var byId = byProject != 0 ? byProject : string.CompareOrdinal(a.Id, b.Id);
            return byId != 0 ? byId : a.Position.CompareTo(b.Position);
        });
        var last = new List<T>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            if (i + 1 == keys.Length || !string.Equals(keys[i].Id, keys[i + 1].Id, StringComparison.Ordinal) ||
                !string.Equals(keys[i].Project, keys[i + 1].Project, StringComparison.Ordinal))
            {
                last.Add(rows[keys[i].Position]);
            }
        }

        return last;
    }
}
