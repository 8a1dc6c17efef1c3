using Lantern.Silo.Cluster;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Cluster;

public sealed class HeartbeatTests
{
    [Fact]
    public async Task A_silo_whose_lease_observer_is_busy_for_longer_than_the_lease_timeout_keeps_heartbeating_and_keeps_its_partitions()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        var observer = new BlockedLeaseObserver();
        await using var busy = new ClusterSilo(dataSource, "silo-busy", leaseTimeoutSeconds: 3, observers: [observer]);
        await using var other = new ClusterSilo(dataSource, "silo-other", leaseTimeoutSeconds: 3);
        var loops = busy.Loops();
        await loops.StartAsync(CancellationToken.None);

        // The busy silo took every partition and its observer is stuck acting on it, so its rebalance loop is stuck too.
        await observer.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var blockedAt = await dataSource.ScalarAsync<DateTime>("SELECT now()");
        var fencings = await dataSource.ScalarAsync<long>("SELECT sum(fencing)::bigint FROM partition_leases WHERE owner = 'silo-busy'");

        // Twice the lease timeout by PostgreSQL's clock, while the other silo keeps rebalancing (and would expire a silent one).
        while (!await dataSource.ScalarAsync<bool>($"SELECT now() > '{blockedAt:O}'::timestamptz + interval '6 seconds'"))
        {
            await other.RebalanceAsync();
            await Task.Delay(100);
        }

        Assert.Empty(other.Leases.Owned);
        Assert.Equal(64L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM partition_leases WHERE owner = 'silo-busy'"));
        Assert.Equal(fencings, await dataSource.ScalarAsync<long>("SELECT sum(fencing)::bigint FROM partition_leases WHERE owner = 'silo-busy'"));
        Assert.True(await dataSource.ScalarAsync<bool>(
            $"SELECT heartbeat_at > '{blockedAt:O}'::timestamptz + interval '3 seconds' FROM cluster_silos WHERE silo_id = 'silo-busy'"),
            "the busy silo's membership row was not heartbeaten while its observer was blocked");

        // Once the observer returns, the rebalance loop resumes and hands the other silo its share.
        observer.Release();
        await ClusterSilo.RebalanceUntilAsync([other], () => other.Leases.Owned.Count == 32, "the busy silo gives half of the partitions back");
        await loops.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_silo_whose_heartbeat_fails_for_longer_than_the_lease_timeout_drops_its_view_and_stops_writing()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await using var silo = new ClusterSilo(dataSource, "silo-cut-off");
        await silo.RebalanceAsync();
        Assert.Equal(64, silo.Leases.Owned.Count);
        Assert.True(silo.Leases.HasView);

        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            // Holding its membership row locked stalls the silo's heartbeat as an unreachable database would.
            await using (var lockRow = new Npgsql.NpgsqlCommand("SELECT 1 FROM cluster_silos WHERE silo_id = 'silo-cut-off' FOR UPDATE", connection, transaction))
            {
                await lockRow.ExecuteScalarAsync();
            }

            await silo.Leases.HeartbeatAsync(CancellationToken.None);

            Assert.Empty(silo.Leases.Owned);
            Assert.False(silo.Leases.HasView);
            var refused = Assert.Throws<PartitionLeaseLostException>(() => silo.Leases.FenceFor("project-1/trace-1"));
            Assert.Null(refused.Fencing);
        }

        // Reachable again and nobody took its partitions: the next rebalance confirms the leases and writes resume.
        await silo.RebalanceAsync();
        Assert.Equal(64, silo.Leases.Owned.Count);
        Assert.True(silo.Leases.HasView);
    }

    [Fact]
    public async Task A_silo_that_finds_itself_expired_by_the_others_drops_its_view_at_its_next_heartbeat()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await using var paused = new ClusterSilo(dataSource, "silo-paused");
        await using var next = new ClusterSilo(dataSource, "silo-next");
        await paused.RebalanceAsync();
        await ClusterSilo.RebalanceUntilAsync([next], () => next.Leases.Owned.Count == 64, "the other silo takes every partition over");
        Assert.Equal(64, paused.Leases.Owned.Count);

        await paused.Leases.HeartbeatAsync(CancellationToken.None);

        Assert.Empty(paused.Leases.Owned);
        Assert.False(paused.Leases.HasView);
        Assert.Equal(0L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM cluster_silos WHERE silo_id = 'silo-paused'"));
    }
}
