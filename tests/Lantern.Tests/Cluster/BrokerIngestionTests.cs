using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using Lantern.Tests.Ingestion;

namespace Lantern.Tests.Cluster;

[Collection(BrokerCollection.Name)]
public sealed class BrokerIngestionTests(RabbitMqBroker broker)
{
    private readonly string _cluster = $"test-{Guid.NewGuid():N}";

    [Fact]
    public async Task Events_acknowledged_through_the_broker_are_stored_once_with_rollups_equal_to_a_recomputation()
    {
        await using var app = await LanternApp.StartAsync(Settings(broker.Url));
        var http = app.CreateClient().Authorized();
        var workload = new RollupWorkload(3);
        var events = workload.Events(traces: 40);
        var deliveries = workload.Deliveries(events, batchSize: 15, resendShare: 0.4);

        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, _) =>
        {
            await http.PostUntilAcceptedAsync(batch);
        });

        await StoredCounts.WaitForAsync(app.ConnectionString, StoredCounts.Expected(events));
        await RollupRecomputation.AssertConsistentAsync(app.ConnectionString);
    }

    [Fact]
    public async Task Ingestion_answers_503_with_retry_after_and_stores_nothing_when_the_broker_is_unreachable()
    {
        var closed = $"amqp://guest:guest@127.0.0.1:{Posix.FreePort()}/";
        var settings = Settings(closed);
        settings["LANTERN_BROKER_SEND_TIMEOUT_SECONDS"] = "2";
        await using var app = await LanternApp.StartAsync(settings);
        var http = app.CreateClient().Authorized();

        var (response, body) = await http.PostAsync(LangfuseBatch.Event("trace-create", new() { ["id"] = "t-unsent", ["name"] = "unsent" }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("retry", (string)body!["message"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM traces"));
        // Counted as refused, not as an error, for LanternBrokerUnavailable (deploy/prometheus/lantern-rules.yml).
        var scrape = await app.CreateClient().GetStringAsync("/metrics");
        Assert.Contains("lantern_ingestion_events_total{event_type=\"trace-create\",outcome=\"unavailable\",project=\"test-project\"} 1\n", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trace_deletion_sent_to_an_api_node_is_carried_out_by_the_silo_that_owns_the_trace()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        await using var silo = new LanternApp(database, Settings(broker.Url, role: "silo"));
        _ = silo.Server;
        await using var api = new LanternApp(database, Settings(broker.Url, role: "api"));
        var http = api.CreateClient().Authorized();
        var events = new RollupWorkload(5).Events(traces: 6);
        foreach (var batch in events.Chunk(20))
        {
            await http.PostUntilAcceptedAsync(batch);
        }

        await StoredCounts.WaitForAsync(database, StoredCounts.Expected(events));
        string[] deleted = ["trace-0", "trace-1", "trace-2"];

        var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/public/traces")
        {
            Content = JsonContent.Create(new { traceIds = deleted }),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.TrueAsync(async () => await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM traces WHERE id = ANY($1)", (object)deleted) == 0,
            "the owning silo deleted the traces");
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM observations WHERE trace_id = ANY($1)", (object)deleted));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM scores WHERE trace_id = ANY($1)", (object)deleted));

        // The owner's grain let go of the deleted trace: a new event for the same id starts it afresh, with rollups to match.
        var later = LangfuseBatch.T0.AddHours(7);
        var reborn = LangfuseBatch.Event("trace-create", new JsonObject { ["id"] = "trace-0", ["name"] = "reborn", ["timestamp"] = LangfuseBatch.Iso(later) }, later);
        await http.PostUntilAcceptedAsync(reborn);
        await Eventually.TrueAsync(async () => await Sql.ScalarAsync<string>(database, "SELECT name FROM traces WHERE id = 'trace-0'") == "reborn",
            "the new event for the deleted trace is stored");
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM observations WHERE trace_id = 'trace-0'"));
        await RollupRecomputation.AssertConsistentAsync(database, afterTraceDeletion: true);
    }

    [Fact]
    public async Task A_silo_that_cannot_join_the_cluster_is_not_ready()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        await using var member = new LanternApp(database, Settings(broker.Url, role: "silo"));
        var memberHttp = member.CreateClient();
        await Eventually.TrueAsync(async () => (await memberHttp.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "the first silo is ready");

        // A second silo configured with another partition count can never rebalance, so it never gets a view of the cluster.
        await using var misconfigured = new LanternApp(database, Settings(broker.Url, role: "silo", partitions: "4"));
        var http = misconfigured.CreateClient();

        await Eventually.TrueAsync(async () =>
        {
            var response = await http.GetAsync("/health/ready");
            var status = (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())?["status"];
            return response.StatusCode == HttpStatusCode.ServiceUnavailable && status?.StartsWith("Not a member", StringComparison.Ordinal) == true;
        }, "the misconfigured silo answers not ready");
        Assert.Equal(HttpStatusCode.OK, (await memberHttp.GetAsync("/health/ready")).StatusCode);
    }

    // The broker is shared by the collection: a cluster name of its own keeps a test from consuming another's messages.
    // The send timeout is generous: these tests check what is stored, not how fast a loaded box confirms.
    private Dictionary<string, string?> Settings(string url, string role = "all", string partitions = "8") => new()
    {
        ["LANTERN_RABBITMQ_URL"] = url,
        ["LANTERN_CLUSTER_NAME"] = _cluster,
        ["LANTERN_ROLE"] = role,
        ["LANTERN_PARTITIONS"] = partitions,
        ["LANTERN_CLUSTER_HEARTBEAT_SECONDS"] = "0.2",
        ["LANTERN_CLUSTER_LEASE_TIMEOUT_SECONDS"] = "2",
        ["LANTERN_BROKER_SEND_TIMEOUT_SECONDS"] = "30",
    };
}
