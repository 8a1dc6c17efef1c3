using Lantern.Grains.Rollups;
using Lantern.Grains.Traces;
using Lantern.Silo.Traces;

namespace Lantern.Tests.Storage;

/// <summary>
/// The rows one group commit writes from a run of grain writes: each row once, with the state of its last write, and in
/// (project, id) order, the order in which concurrent commits must lock the rows they share so as not to deadlock.
/// </summary>
public sealed class CommitRowsTests
{
    private static readonly DateTimeOffset Hour = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_row_written_twice_is_written_once_with_its_last_state()
    {
        TraceWrite[] writes =
        [
            Write(Trace("p", "t-1", "first"), [Observation("p", "o-1", "t-1", "first")], [Score("p", "s-1", 1)]),
            Write(Trace("p", "t-2", "only"), [Observation("p", "o-2", "t-2", "only")], []),
            Write(Trace("p", "t-1", "second"), [Observation("p", "o-1", "t-1", "second")], [Score("p", "s-1", 2)]),
            Write(Trace("p", "t-1", "last"), [Observation("p", "o-1", "t-1", "last")], [Score("p", "s-1", 3)]),
        ];

        var rows = CommitRows.Of(writes, insertNewRows: false);

        Assert.Equal(["last", "only"], rows.StoredTraces.Select(t => t.Name));
        Assert.Equal(["last", "only"], rows.StoredObservations.Select(o => o.Name));
        Assert.Equal([3.0], rows.Scores.Select(s => s.Value));
        Assert.Equal(2, rows.TraceCount);
        Assert.Equal(2, rows.ObservationCount);
    }

    [Fact]
    public void Rows_are_in_ordinal_order_of_project_then_id()
    {
        string[] ids = ["b", "á", "a-2", "B", "a", "a-10"];
        var writes = ids.Select(id => Write(Trace("p2", id, id), [], []))
            .Concat(ids.Select(id => Write(Trace("p1", id, id), [Observation("p1", "o-" + id, id, id)], [Score("p1", id, 1)])))
            .ToArray();

        var rows = CommitRows.Of(writes, insertNewRows: false);

        string[] ordinal = ["B", "a", "a-10", "a-2", "b", "á"];
        Assert.Equal([.. ordinal.Select(id => "p1/" + id), .. ordinal.Select(id => "p2/" + id)], rows.StoredTraces.Select(t => $"{t.ProjectId}/{t.Id}"));
        Assert.Equal(ordinal.Select(id => "o-" + id), rows.StoredObservations.Select(o => o.Id));
        Assert.Equal(ordinal, rows.Scores.Select(s => s.Id));
    }

    [Fact]
    public void The_same_id_in_two_projects_is_two_rows()
    {
        var rows = CommitRows.Of([Write(Trace("p2", "t", "in p2"), [], []), Write(Trace("p1", "t", "in p1"), [], [])], insertNewRows: false);

        Assert.Equal(["in p1", "in p2"], rows.StoredTraces.Select(t => t.Name));
    }

    [Fact]
    public void Rows_their_grains_know_to_be_new_are_inserted_unless_inserts_are_off()
    {
        var known = Write(Trace("p", "t-1", "stored"), [Observation("p", "o-1", "t-1", "stored")], []);
        var fresh = Write(Trace("p", "t-2", "new"), [Observation("p", "o-2", "t-2", "new"), Observation("p", "o-3", "t-2", "stored")], []) with
        {
            TraceIsNew = true,
            NewObservationIds = new HashSet<string> { "o-2" },
        };

        var inserting = CommitRows.Of([fresh, known], insertNewRows: true);
        var upserting = CommitRows.Of([fresh, known], insertNewRows: false);

        Assert.Equal(["new"], inserting.NewTraces.Select(t => t.Name));
        Assert.Equal(["stored"], inserting.StoredTraces.Select(t => t.Name));
        Assert.Equal(["o-2"], inserting.NewObservations.Select(o => o.Id));
        Assert.Equal(["o-1", "o-3"], inserting.StoredObservations.Select(o => o.Id));
        Assert.Empty(upserting.NewTraces);
        Assert.Empty(upserting.NewObservations);
        Assert.Equal(["t-1", "t-2"], upserting.StoredTraces.Select(t => t.Id));
        Assert.Equal(["o-1", "o-2", "o-3"], upserting.StoredObservations.Select(o => o.Id));
    }

    private static TraceWrite Write(TraceRow trace, ObservationRow[] observations, ScoreRow[] scores) =>
        new(trace.ProjectId, trace.Id, trace, observations, scores, new Dictionary<RollupKey, RollupValues>());

    private static TraceRow Trace(string project, string id, string name) =>
        new(project, id, Hour, name, null, null, null, null, "default", false, [], null, null, null, 0m, 0, 0, "{}");

    private static ObservationRow Observation(string project, string id, string traceId, string name) =>
        new(project, id, traceId, "SPAN", name, Hour, null, null, null, "DEFAULT", null, null, "default", null, null, null, null, null,
            ObservationCost.None, null, null, "{}");

    private static ScoreRow Score(string project, string id, double value) =>
        new(project, id, null, null, null, null, "quality", value, null, "NUMERIC", "API", null, null, null, null, "default", Hour, "{}");
}
