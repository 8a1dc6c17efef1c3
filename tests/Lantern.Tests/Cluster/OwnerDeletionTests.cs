using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using Lantern.Tests.Ingestion;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Cluster;

/// <summary>
/// Deletions sent to an <c>api</c> process run on the <c>silo</c> that owns the data, in order with the events: the rows
/// go, and the owner's grains let go of what they held, so a later event for the same key starts afresh.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class OwnerDeletionTests(RabbitMqBroker broker)
{
    private const string AdminKey = "admin-key-for-owner-deletion-tests";
    private const string ProjectQualityCount =
        "SELECT coalesce(sum((scores->'quality'->>'count')::bigint), 0)::bigint FROM rollups WHERE project_id = $1 AND scope = 'project'";

    private static readonly Dictionary<string, string?> Admin = new() { ["LANTERN_ADMIN_API_KEY"] = AdminKey };
    private readonly string _cluster = $"test-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_score_deletion_sent_to_an_api_node_is_answered_once_the_owner_deleted_it()
    {
        await using var cluster = await StartAsync();
        var events = new RollupWorkload(11).Events(traces: 4);
        events.Add(Event("score-create", new JsonObject { ["id"] = "loose-1", ["sessionId"] = "s-1", ["name"] = "csat", ["value"] = 3, ["comment"] = "old" }));
        await cluster.IngestAsync(events);

        var deleted = await cluster.Http.DeleteAsync("/api/public/scores/trace-0-score");
        var again = await cluster.Http.DeleteAsync("/api/public/scores/trace-0-score");
        var loose = await cluster.Http.DeleteAsync("/api/public/scores/loose-1");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, loose.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cluster.Http.DeleteAsync("/api/public/scores/never-was")).StatusCode);
        // Answered after the owner committed: nothing to wait for.
        Assert.Equal(0L, await Sql.ScalarAsync<long>(cluster.Database, "SELECT count(*) FROM scores WHERE id IN ('trace-0-score', 'loose-1')"));
        Assert.Equal(3L, await Sql.ScalarAsync<long>(cluster.Database, ProjectQualityCount, LanternApp.ProjectId));

        // The owner's trace grain forgot the score: it is not counted again when the trace gets another score and is then
        // deleted (a stale copy would take both out of the rollups, one of them a second time).
        await cluster.IngestAsync([Event("score-create", new JsonObject { ["id"] = "trace-0-extra", ["traceId"] = "trace-0", ["name"] = "quality", ["value"] = 0.5 })]);
        Assert.Equal(HttpStatusCode.OK, (await cluster.Http.DeleteAsync("/api/public/traces/trace-0")).StatusCode);
        await Eventually.TrueAsync(async () => await Sql.ScalarAsync<long>(cluster.Database, "SELECT count(*) FROM traces WHERE id = 'trace-0'") == 0,
            "the owner deleted trace-0");
        Assert.Equal(3L, await Sql.ScalarAsync<long>(cluster.Database, ProjectQualityCount, LanternApp.ProjectId));

        // The owner's score grain forgot the trace-less score: a new score with its id keeps nothing of the old one.
        await cluster.IngestAsync([Event("score-create", new JsonObject { ["id"] = "loose-1", ["sessionId"] = "s-1", ["name"] = "csat", ["value"] = 5 })]);
        var reborn = await cluster.Http.GetFromJsonAsync<JsonObject>("/api/public/v2/scores/loose-1");
        Assert.Null(reborn!["comment"]);
    }

    [Fact]
    public async Task A_user_erasure_sent_to_an_api_node_runs_on_the_owners_and_answers_their_counts()
    {
        await using var cluster = await StartAsync();
        var events = new RollupWorkload(13).Events(traces: 16);
        await cluster.IngestAsync(events);
        var traceIds = (await Sql.RowsAsync(cluster.Database, "SELECT id FROM traces WHERE user_id = 'user-1' ORDER BY id")).Select(r => (string)r["id"]!).ToArray();
        Assert.NotEmpty(traceIds);
        var observations = await Sql.ScalarAsync<long>(cluster.Database, "SELECT count(*) FROM observations WHERE trace_id = ANY($1)", (object)traceIds);

        var response = await cluster.Http.DeleteAsync("/api/public/users/user-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(traceIds.Length, (long)receipt["deleted"]!["traces"]!);
        Assert.Equal(observations, (long)receipt["deleted"]!["observations"]!);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(cluster.Database, "SELECT count(*) FROM traces WHERE id = ANY($1)", (object)traceIds));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(cluster.Database, "SELECT count(*) FROM observations WHERE trace_id = ANY($1)", (object)traceIds));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(cluster.Database, "SELECT count(*) FROM rollups WHERE scope_key = 'user-1'"));
        await RollupRecomputation.AssertConsistentAsync(cluster.Database);

        await cluster.AssertStartsAfreshAsync(traceIds[0]);
    }

    [Fact]
    public async Task A_retention_run_on_an_api_node_deletes_through_the_owners()
    {
        await using var cluster = await StartAsync();
        var now = DateTimeOffset.UtcNow;
        var old = new RollupWorkload(17).Events(traces: 6);
        old.Add(Event("score-create", new JsonObject { ["id"] = "loose-old", ["sessionId"] = "s-1", ["name"] = "csat", ["value"] = 1, ["timestamp"] = Iso(now.AddDays(-45)) }, now.AddDays(-45)));
        old.Add(Event("trace-create", new JsonObject { ["id"] = "recent", ["userId"] = "user-1", ["timestamp"] = Iso(now.AddDays(-1)) }, now.AddDays(-1)));
        await cluster.IngestAsync(old);
        var admin = cluster.Api.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        // The workload's traces are weeks old (LangfuseBatch.T0); "recent" is a day old.
        var days = (int)(now - T0).TotalDays - 1;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/admin/projects/{LanternApp.ProjectId}/settings/retention", new { days })).StatusCode);

        var run = await (await admin.PostAsync("/api/admin/retention/run", null)).Content.ReadFromJsonAsync<JsonObject>();

        var deleted = run!["data"]![0]!["deleted"]!;
        Assert.Equal(6L, (long)deleted["traces"]!);
        Assert.Equal(7L, (long)deleted["scores"]!);
        Assert.Equal(["recent"], (await Sql.RowsAsync(cluster.Database, "SELECT id FROM traces")).Select(r => (string)r["id"]!));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(cluster.Database, "SELECT count(*) FROM scores"));
        await RollupRecomputation.AssertConsistentAsync(cluster.Database);

        await cluster.AssertStartsAfreshAsync("trace-0");
    }

    [Fact]
    public async Task Events_sent_after_a_deletion_of_their_trace_are_applied_after_it()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        await using var api = new LanternApp(database, Settings(broker.Url, role: "api"));
        var http = api.CreateClient().Authorized();
        var events = new RollupWorkload(19).Events(traces: 30);
        var traceIds = events.Where(e => (string)e["type"]! == "trace-create").Select(e => (string)e["body"]!["id"]!).Distinct().ToArray();
        await using (var first = new LanternApp(database, Settings(broker.Url, role: "silo")))
        {
            _ = first.Server;
            foreach (var batch in events.Chunk(25))
            {
                await http.PostUntilAcceptedAsync(batch);
            }

            await StoredCounts.WaitForAsync(database, StoredCounts.Expected(events));
        }

        // No silo consumes now: each queue keeps every trace's deletion followed by its new event, and the next owner gets
        // them as one backlog, which the transport hands to the consumers concurrently.
        var later = T0.AddHours(9);
        await Parallel.ForEachAsync(traceIds, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, _) =>
        {
            Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync($"/api/public/traces/{id}")).StatusCode);
            var reborn = Event("trace-create", new JsonObject { ["id"] = id, ["name"] = "reborn", ["timestamp"] = Iso(later) }, later);
            await http.PostUntilAcceptedAsync(reborn);
        });
        await using var second = new LanternApp(database, Settings(broker.Url, role: "silo"));
        _ = second.Server;

        await Eventually.TrueAsync(async () => await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM traces WHERE name = 'reborn'") == traceIds.Length,
            "every trace is stored again with only its new event", TimeSpan.FromSeconds(60));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM observations"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM scores"));
        Assert.Equal((long)traceIds.Length, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM traces"));
        await RollupRecomputation.AssertConsistentAsync(database, afterTraceDeletion: true);
    }

    [Fact]
    public async Task A_deletion_no_owner_confirms_answers_503_and_is_carried_out_when_an_owner_returns()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        var settings = Settings(broker.Url, role: "api");
        settings["LANTERN_CLUSTER_DELETE_TIMEOUT_SECONDS"] = "2";
        await using var api = new LanternApp(database, settings);
        var http = api.CreateClient().Authorized();
        var events = new RollupWorkload(23).Events(traces: 6);
        await using (var first = new LanternApp(database, Settings(broker.Url, role: "silo")))
        {
            _ = first.Server;
            await http.PostUntilAcceptedAsync([.. events]);
            await StoredCounts.WaitForAsync(database, StoredCounts.Expected(events));
        }

        var user = await Sql.ScalarAsync<string>(database, "SELECT user_id FROM traces WHERE id = 'trace-0'");
        var erasure = await http.DeleteAsync($"/api/public/users/{user}");
        var score = await http.DeleteAsync("/api/public/scores/trace-1-score");

        foreach (var response in new[] { erasure, score })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Contains("retry", (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(0L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM audit_log WHERE action = 'user.erased'"));

        // The deletions wait in their queues: the next owner carries them out, and asking again then finds them done.
        await using var second = new LanternApp(database, Settings(broker.Url, role: "silo"));
        _ = second.Server;
        await Eventually.TrueAsync(async () => await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM traces WHERE user_id = $1", user!) == 0 &&
                                                await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM scores WHERE id = 'trace-1-score'") == 0,
            "the returning owner carried out the queued deletions", TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync($"/api/public/users/{user}")).StatusCode);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM rollups WHERE scope = 'user' AND scope_key = $1", user!));
        await RollupRecomputation.AssertConsistentAsync(database, afterTraceDeletion: true);
    }

    private Task<ApiAndSilo> StartAsync() => ApiAndSilo.StartAsync(broker.Url, _cluster, Admin);

    private Dictionary<string, string?> Settings(string url, string role) => ApiAndSilo.Settings(url, _cluster, role, Admin);
}
