using System.Diagnostics.Metrics;
using Lantern.Grains.Rollups;
using Lantern.Grains.Traces;
using Lantern.Silo.Cluster;
using Lantern.Silo.Traces;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lantern.Tests.Cluster;

public sealed class StaleOwnerTests
{
    private const string Project = "project-1";

    [Fact]
    public async Task When_two_silos_both_believe_they_own_a_partition_the_stale_ones_write_is_rejected()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        using var metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var paused = new ClusterSilo(dataSource, "silo-paused");
        var next = new ClusterSilo(dataSource, "silo-next");
        await paused.RebalanceAsync();
        var partition = paused.Leases.PartitionOf(PartitionKeys.Trace(Project, "score-1"));
        Assert.True(paused.Leases.Owned.ContainsKey(partition));

        // The first silo is paused (no heartbeat) long enough for the other to take its partitions over.
        await ClusterSilo.RebalanceUntilAsync([next], () => next.Leases.Owned.ContainsKey(partition), "the other silo takes the partition over");
        Assert.True(paused.Leases.Owned.ContainsKey(partition), "the paused silo still believes it owns the partition");
        await using var stale = Batcher(dataSource, metrics, paused.Leases);
        await using var owner = Batcher(dataSource, metrics, next.Leases);

        await owner.CommitAsync(ScoreWrite("score-1", 2), CancellationToken.None);
        var rejected = await Assert.ThrowsAsync<PartitionLeaseLostException>(() => stale.CommitAsync(ScoreWrite("score-1", 1), CancellationToken.None));

        Assert.Equal(partition, rejected.Partition);
        Assert.Contains("silo-paused no longer holds partition", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(2.0, await dataSource.ScalarAsync<double>("SELECT value FROM scores WHERE id = 'score-1'"));
    }

    [Fact]
    public async Task A_silo_refuses_to_write_a_key_of_a_partition_it_does_not_hold()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        using var metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var joining = new ClusterSilo(dataSource, "silo-joining");
        await using var batcher = Batcher(dataSource, metrics, joining.Leases);

        var refused = await Assert.ThrowsAsync<PartitionLeaseLostException>(() => batcher.CommitAsync(ScoreWrite("score-2", 1), CancellationToken.None));

        Assert.Null(refused.Fencing);
        Assert.Equal(0L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM scores"));
    }

    private static TraceWriteBatcher Batcher(NpgsqlDataSource dataSource, ServiceProvider metrics, IWriteFencing fencing) =>
        new(dataSource, new IgnoredRollupChanges(), Options.Create(new TraceWriteOptions()), metrics.GetRequiredService<IMeterFactory>(),
            NullLogger<TraceWriteBatcher>.Instance, fencing);

    private static TraceWrite ScoreWrite(string id, double value) =>
        new(Project, "", null, [], [new ScoreRow(Project, id, null, null, null, null, "quality", value, null, "NUMERIC", "API", null, null, null, null,
            "default", DateTimeOffset.UtcNow, "{}")], new Dictionary<RollupKey, RollupValues>());
}
