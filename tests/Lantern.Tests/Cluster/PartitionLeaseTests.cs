using Lantern.Silo.Cluster;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Cluster;

public sealed class PartitionLeaseTests
{
    [Fact]
    public void A_key_maps_to_the_same_partition_in_every_process()
    {
        // FNV-1a of "a" is 0xe40c292c in every implementation; string.GetHashCode would differ per process.
        Assert.Equal(0xe40c292c % 64, (uint)PartitionHash.Of("a", 64));
        var counts = Enumerable.Range(0, 6400).GroupBy(i => PartitionHash.Of($"project/{Guid.NewGuid()}", 64)).Select(g => g.Count()).ToList();
        Assert.Equal(64, counts.Count);
        Assert.All(counts, c => Assert.InRange(c, 40, 180));
    }

    [Fact]
    public async Task Three_silos_share_the_partitions_fairly_and_each_partition_has_one_owner()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        var silos = new[] { "silo-a", "silo-b", "silo-c" }.Select(id => new ClusterSilo(dataSource, id, leaseTimeoutSeconds: 30)).ToList();

        await ClusterSilo.RebalanceUntilAsync(silos, () => silos.All(s => s.Leases.Owned.Count is 21 or 22), "each silo holds its fair share");

        var owners = silos.SelectMany(s => s.Leases.Owned.Keys).ToList();
        Assert.Equal(64, owners.Count);
        Assert.Equal(Enumerable.Range(0, 64), owners.Order());
        var stored = await dataSource.ScalarAsync<long>("SELECT count(DISTINCT owner) FROM partition_leases");
        Assert.Equal(3, stored);
    }

    [Fact]
    public async Task A_silo_that_stops_heartbeating_loses_its_partitions_and_gets_a_share_back_when_it_returns()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        var silos = new[] { "silo-a", "silo-b", "silo-c" }.Select(id => new ClusterSilo(dataSource, id)).ToList();
        await ClusterSilo.RebalanceUntilAsync(silos, () => silos.All(s => s.Leases.Owned.Count is 21 or 22), "each silo holds its fair share");
        var paused = silos[2];
        var before = paused.Leases.Owned;

        // silo-c stops heartbeating: after the lease timeout the other two take over all its partitions.
        var live = silos.Take(2).ToList();
        await ClusterSilo.RebalanceUntilAsync(live, () => live.Sum(s => s.Leases.Owned.Count) == 64, "the live silos hold every partition");
        Assert.All(live, s => Assert.Equal(32, s.Leases.Owned.Count));
        var live0 = live.SelectMany(s => s.Leases.Owned).ToDictionary();
        Assert.All(before, p => Assert.True(live0[p.Key] > p.Value, $"partition {p.Key} kept fencing number {p.Value} after its owner died"));

        // It comes back: its stale view is replaced and the partitions spread over three silos again.
        await ClusterSilo.RebalanceUntilAsync(silos, () => silos.All(s => s.Leases.Owned.Count is 21 or 22), "the returning silo gets its share");
        Assert.All(paused.Leases.Owned, p => Assert.False(before.TryGetValue(p.Key, out var old) && old == p.Value));
    }

    [Fact]
    public async Task A_silo_that_shuts_down_gives_its_partitions_back_at_once()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        var silos = new[] { "silo-a", "silo-b" }.Select(id => new ClusterSilo(dataSource, id, leaseTimeoutSeconds: 600)).ToList();
        await ClusterSilo.RebalanceUntilAsync(silos, () => silos.All(s => s.Leases.Owned.Count == 32), "both silos hold half");

        await silos[1].Leases.LeaveAsync(CancellationToken.None);

        Assert.Empty(silos[1].Leases.Owned);
        await silos[0].RebalanceAsync();
        Assert.Equal(64, silos[0].Leases.Owned.Count);
    }
}
