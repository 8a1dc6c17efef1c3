using System.Net;
using Lantern.Tests.Infrastructure;
using Lantern.Tests.Ingestion;

namespace Lantern.Tests.Cluster;

[Collection(BrokerCollection.Name)]
public sealed class BrokerIngestionTests(RabbitMqBroker broker)
{
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
            var (response, body) = await http.PostAsync(batch);
            Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
            Assert.True(body!["errors"]!.AsArray().Count == 0, body.ToJsonString());
        });

        await StoredCounts.WaitForAsync(app.ConnectionString, StoredCounts.Expected(events));
        await RollupRecomputation.AssertConsistentAsync(app.ConnectionString);
    }

    [Fact]
    public async Task Ingestion_answers_503_with_retry_after_and_stores_nothing_when_the_broker_is_unreachable()
    {
        var closed = $"amqp://guest:guest@127.0.0.1:{Posix.FreePort()}/";
        await using var app = await LanternApp.StartAsync(Settings(closed));
        var http = app.CreateClient().Authorized();

        var (response, body) = await http.PostAsync(LangfuseBatch.Event("trace-create", new() { ["id"] = "t-unsent", ["name"] = "unsent" }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("retry", (string)body!["message"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM traces"));
    }

    private static Dictionary<string, string?> Settings(string url) => new()
    {
        ["LANTERN_RABBITMQ_URL"] = url,
        ["LANTERN_PARTITIONS"] = "8",
        ["LANTERN_CLUSTER_HEARTBEAT_SECONDS"] = "0.2",
        ["LANTERN_CLUSTER_LEASE_TIMEOUT_SECONDS"] = "2",
        ["LANTERN_BROKER_SEND_TIMEOUT_SECONDS"] = "2",
    };
}
