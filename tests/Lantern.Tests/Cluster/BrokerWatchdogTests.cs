using System.Net;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Cluster;

// The failure this guards against (MassTransit keeping a dead connection after a broker restart, docs/cluster.md) cannot
// be made on demand; what it looks like from the node can: every send fails while the broker is healthy.
[Collection(BrokerCollection.Name)]
public sealed class BrokerWatchdogTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    [Fact]
    public async Task A_node_whose_sends_fail_while_the_broker_answers_the_watchdog_reports_itself_not_live()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        var environment = LoopbackCluster.Environment(database, broker, $"test-{Guid.NewGuid():N}", "all", "node-1", 4);
        // No broker confirms within a tenth of a millisecond: every send fails, the broker being fine.
        environment["LANTERN_BROKER_SEND_TIMEOUT_SECONDS"] = "0.0001";
        environment["LANTERN_BROKER_WEDGE_SECONDS"] = "3";
        await using var node = ClusterNode.Start(environment);
        await node.ReadyAsync();
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) }.Authorized();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);

        var requests = 0;
        HttpResponseMessage? live = null;
        await Eventually.TrueAsync(async () =>
        {
            var (response, body) = await http.PostAsync(LangfuseBatch.Event("trace-create", new JsonObject { ["id"] = $"t-{requests++}" }));
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body?.ToJsonString()}");
            live = await http.GetAsync("/health/live");
            return live.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, "the node reports itself not live", TimeSpan.FromSeconds(60));
        output.WriteLine($"{requests} requests answered 503; /health/live: {await live!.Content.ReadAsStringAsync()}");

        Assert.Contains("connection to it is wedged", await live.Content.ReadAsStringAsync());
        // The log line reaches the node's output a moment after the health answer changed.
        await Eventually.TrueAsync(() => node.Output.Contains("connection to it is wedged and it must be restarted; /health/live answers 503", StringComparison.Ordinal),
            "the node logs why it is not live", TimeSpan.FromSeconds(10));
    }
}
