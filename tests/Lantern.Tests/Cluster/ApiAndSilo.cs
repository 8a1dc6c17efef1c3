using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Cluster;

/// <summary>One <c>silo</c> that owns every partition and one <c>api</c> process that gets the requests, on one database.</summary>
internal sealed record ApiAndSilo(string Database, LanternApp Silo, LanternApp Api, HttpClient Http) : IAsyncDisposable
{
    /// <summary>A silo, then an api process, on a new database; <paramref name="extra"/> settings go to both.</summary>
    public static async Task<ApiAndSilo> StartAsync(string brokerUrl, string cluster, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        var silo = new LanternApp(database, Settings(brokerUrl, cluster, "silo", extra));
        _ = silo.Server;
        var api = new LanternApp(database, Settings(brokerUrl, cluster, "api", extra));
        return new ApiAndSilo(database, silo, api, api.CreateClient().Authorized());
    }

    /// <summary>
    /// A small cluster's settings. The broker is shared by the test collection: a cluster name of its own keeps a test from
    /// consuming another's messages. Silos here hand partitions over by stopping gracefully, never by expiry, so the lease
    /// timeout is long: with 2 s, a load spike on the shared test machine could expire the only silo's leases mid-test, fail
    /// a deletion past its retries and send it behind the key's later events (docs/cluster.md, "one key's messages").
    /// </summary>
    public static Dictionary<string, string?> Settings(string brokerUrl, string cluster, string role, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["LANTERN_RABBITMQ_URL"] = brokerUrl,
            ["LANTERN_CLUSTER_NAME"] = cluster,
            ["LANTERN_ROLE"] = role,
            ["LANTERN_PARTITIONS"] = "8",
            ["LANTERN_CLUSTER_HEARTBEAT_SECONDS"] = "0.5",
            ["LANTERN_CLUSTER_LEASE_TIMEOUT_SECONDS"] = "10",
            ["LANTERN_BROKER_SEND_TIMEOUT_SECONDS"] = "30",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

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
