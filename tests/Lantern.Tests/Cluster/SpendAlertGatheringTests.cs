using Lantern.Silo.Cluster;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;
using static Lantern.Tests.Rollups.RollupApi;

namespace Lantern.Tests.Cluster;

/// <summary>
/// A user's spend alert is raised on the silo that owns the user's partition, so a project's alerts are spread over the
/// silos; <c>GET /api/public/alerts/users</c> gathers them, whichever process answers.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class SpendAlertGatheringTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private const int Partitions = 16;
    private readonly string _cluster = $"test-{Guid.NewGuid():N}";

    [Fact]
    public async Task The_alerts_of_users_owned_by_two_silos_are_listed_by_the_api_and_by_each_silo()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        await using var api = ClusterNode.Start(Environment(database, "api", "api"));
        await using var silo1 = ClusterNode.Start(Environment(database, "silo", "silo-1"));
        await using var silo2 = ClusterNode.Start(Environment(database, "silo", "silo-2"));
        try
        {
            await Task.WhenAll(api.ReadyAsync(), silo1.ReadyAsync(), silo2.ReadyAsync());
            await LoopbackCluster.OwnersAsync(database, 2, Partitions, "two silos share the partitions");
            var owners = (await Sql.RowsAsync(database, "SELECT partition, owner FROM partition_leases"))
                .ToDictionary(r => (int)r["partition"]!, r => (string)r["owner"]!);
            // One user whose grain lives on each silo.
            string[] users = [.. Enumerable.Range(0, 100).Select(i => $"user-{i}")
                .GroupBy(u => owners[PartitionHash.Of($"{LanternApp.ProjectId}/{u}", Partitions)])
                .Select(g => g.First())
                .Order()];
            Assert.Equal(2, users.Length);
            using var http = new HttpClient { BaseAddress = new Uri(api.BaseUrl) }.Authorized();

            await http.IngestAsync([.. users.Select((u, i) => Trace($"t-{u}", T0.AddMinutes(i), u, cost: 0.02m))]);

            foreach (var node in new[] { api, silo1, silo2 })
            {
                using var client = new HttpClient { BaseAddress = new Uri(node.BaseUrl) }.Authorized();
                var alerts = await client.GetWhenAsync("/api/public/alerts/users", b => b["data"]!.AsArray().Count >= 2);
                Assert.Equal(users, alerts["data"]!.AsArray().Select(a => (string)a!["userId"]!).Order());
            }
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            output.WriteLine($"api: {api.Output}\nsilo-1: {silo1.Output}\nsilo-2: {silo2.Output}");
            throw;
        }
    }

    private Dictionary<string, string> Environment(string database, string role, string siloId)
    {
        var environment = LoopbackCluster.Environment(database, broker, _cluster, role, siloId, Partitions);
        environment["LANTERN_USER_BUDGET_USD"] = "0.01";
        return environment;
    }
}
