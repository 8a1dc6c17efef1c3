using System.Globalization;
using System.Net;
using Lantern.Silo.Cluster;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;
using static Lantern.Tests.Rollups.RollupApi;

namespace Lantern.Tests.Cluster;

/// <summary>
/// A user's traces land on different silos (their trace grains' partitions have different owners), and the user's view in
/// memory, on the silo that owns the user's partition, still counts all of them: the rollup changes of every commit travel
/// to it over the broker.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ClusterRollupDeltaTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private const int Partitions = 16;
    private const string User = "spread-user";
    private readonly string _cluster = $"test-{Guid.NewGuid():N}";

    [Fact]
    public async Task The_user_view_on_the_owner_of_the_users_partition_counts_the_traces_committed_by_every_silo()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        await using var api = ClusterNode.Start(LoopbackCluster.Environment(database, broker, _cluster, "api", "api", Partitions));
        await using var silo1 = ClusterNode.Start(LoopbackCluster.Environment(database, broker, _cluster, "silo", "silo-1", Partitions));
        await using var silo2 = ClusterNode.Start(LoopbackCluster.Environment(database, broker, _cluster, "silo", "silo-2", Partitions));
        try
        {
            await RunAsync(database, api, silo1, silo2);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // What the processes logged (warnings and above) tells a lost change from a failed send or consume.
            output.WriteLine($"api: {api.Output}\nsilo-1: {silo1.Output}\nsilo-2: {silo2.Output}");
            throw;
        }
    }

    private async Task RunAsync(string database, ClusterNode api, ClusterNode silo1, ClusterNode silo2)
    {
        await Task.WhenAll(api.ReadyAsync(), silo1.ReadyAsync(), silo2.ReadyAsync());
        await LoopbackCluster.OwnersAsync(database, 2, Partitions, "two silos share the partitions");

        var owners = (await Sql.RowsAsync(database, "SELECT partition, owner FROM partition_leases"))
            .ToDictionary(r => (int)r["partition"]!, r => (string)r["owner"]!);
        var userOwner = owners[PartitionHash.Of($"{LanternApp.ProjectId}/{User}", Partitions)];
        var traces = Enumerable.Range(0, 100).Select(i => $"spread-{i}")
            .GroupBy(id => owners[PartitionHash.Of(PartitionKeys.Trace(LanternApp.ProjectId, id), Partitions)] == userOwner)
            .ToDictionary(g => g.Key, g => g.Take(3).ToArray());
        output.WriteLine($"user partition owned by {userOwner}; its traces {string.Join(",", traces[true])}; the other silo's {string.Join(",", traces[false])}");
        using var http = new HttpClient { BaseAddress = new Uri(api.BaseUrl) }.Authorized();
        using var ownerHttp = new HttpClient { BaseAddress = new Uri((userOwner == "silo-1" ? silo1 : silo2).BaseUrl) }.Authorized();

        // The owner's user grain is active before anything is stored, so what it reports later is what reached it as changes.
        await ownerHttp.ExpectNotFoundAsync($"/api/public/users/{User}");
        // The other silo commits last: a change of its own would not reach the owner's view without the broker.
        foreach (var (local, at) in new[] { (true, 0), (false, 1) })
        {
            await http.PostUntilAcceptedAsync([.. traces[local].SelectMany((id, i) => Trace(id, T0.AddMinutes((at * 10) + i), User, cost: 0.25m * (i + 1), input: 100 + i, output: 7))]);
            await StoredCounts.WaitForAsync(database, new StoredCounts(3 * (at + 1), 3 * (at + 1), 0));
            if (at == 0)
            {
                // The api process owns no partition: its view of the user, opened here, gets no changes.
                await http.GetWhenAsync($"/api/public/users/{User}", b => (long)b["traces"]! == 3);
            }
        }

        await RollupRecomputation.AssertConsistentAsync(database);
        var expected = (await RollupRecomputation.RecomputeAsync(database, "t.user_id")).Single(r => (string?)r["key"] == User);
        Assert.Equal(6L, Long(expected["traces"]));
        var report = await ownerHttp.GetWhenAsync($"/api/public/users/{User}", b => (long)b["traces"]! == 6);
        Assert.Equal(
            (Long(expected["observations"]), Long(expected["generations"]), Long(expected["errors"]), ((decimal)expected["cost"]!).Normalize(), Long(expected["tokens"])),
            ((long)report["observations"]!, (long)report["generations"]!, (long)report["errors"]!, Dec(report["totalCost"]), (long)report["totalTokens"]!));
        Assert.Equal(T0, (DateTimeOffset)report["firstSeen"]!);
        Assert.Equal(T0.AddMinutes(12), (DateTimeOffset)report["lastSeen"]!);

        // A report served by a process that does not own the key reads what is committed, not what its view held.
        var (status, fromApi) = await http.GetJsonAsync($"/api/public/users/{User}");
        Assert.Equal((HttpStatusCode.OK, 6L, Dec(report["totalCost"])), (status, (long)fromApi["traces"]!, Dec(fromApi["totalCost"])));
    }

    // PostgreSQL's sum over bigint is numeric.
    private static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
