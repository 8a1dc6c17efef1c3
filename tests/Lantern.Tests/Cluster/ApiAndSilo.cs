using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Cluster;

/// <summary>One <c>silo</c> that owns every partition and one <c>api</c> process that gets the requests, on one database.</summary>
internal sealed record ApiAndSilo(string Database, LanternApp Silo, LanternApp Api, HttpClient Http) : IAsyncDisposable
{
    public async Task IngestAsync(IReadOnlyList<JsonObject> events)
    {
        var (stored, added) = (await StoredCounts.ReadAsync(Database), StoredCounts.Expected(events));
        var expected = new StoredCounts(stored.Traces + added.Traces, stored.Observations + added.Observations, stored.Scores + added.Scores);
        foreach (var batch in events.Chunk(25))
        {
            await Http.PostUntilAcceptedAsync(batch);
        }

        await StoredCounts.WaitForAsync(Database, expected);
    }

    /// <summary>
    /// A new event for a deleted trace is stored on its own: the owner's grain kept no copy of the deleted trace (which
    /// would bring back its user and observations), and the rollups equal the recomputation.
    /// </summary>
    public async Task AssertStartsAfreshAsync(string traceId)
    {
        var later = T0.AddHours(8);
        await IngestAsync([Event("trace-create", new JsonObject { ["id"] = traceId, ["name"] = "reborn", ["timestamp"] = Iso(later) }, later)]);
        var row = (await Sql.RowsAsync(Database, "SELECT name, user_id FROM traces WHERE id = $1", traceId)).Single();
        Assert.Equal(("reborn", null), ((string?)row["name"], (string?)row["user_id"]));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(Database, "SELECT count(*) FROM observations WHERE trace_id = $1", traceId));
        await RollupRecomputation.AssertConsistentAsync(Database, afterTraceDeletion: true);
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Silo.DisposeAsync();
    }
}
