using System.Diagnostics.Metrics;
using Lantern.Grains.Rollups;
using Lantern.Grains.Traces;
using Lantern.Silo.Cluster;
using Lantern.Silo.Storage;
using Lantern.Silo.Traces;
using Lantern.Tests.Infrastructure;
using Lantern.Tests.Runtime;
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
        var (paused, next, partition) = await TakeOverAsync(dataSource, PartitionKeys.Trace(Project, "score-1"));
        await using var stale = Batcher(dataSource, metrics, paused.Leases);
        await using var owner = Batcher(dataSource, metrics, next.Leases);

        await owner.CommitAsync(ScoreWrite("score-1", 2), CancellationToken.None);
        var rejected = await Assert.ThrowsAsync<PartitionLeaseLostException>(() => stale.CommitAsync(ScoreWrite("score-1", 1), CancellationToken.None));

        Assert.Equal(partition, rejected.Partition);
        Assert.Contains("silo-paused no longer holds partition", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(2.0, await dataSource.ScalarAsync<double>("SELECT value FROM scores WHERE id = 'score-1'"));
    }

    [Fact]
    public async Task When_two_silos_both_believe_they_own_a_partition_the_stale_ones_trace_deletion_is_rejected()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        using var metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var (paused, next, _) = await TakeOverAsync(dataSource, PartitionKeys.Trace(Project, "trace-1"));
        await using var stale = Batcher(dataSource, metrics, paused.Leases);
        await using var owner = Batcher(dataSource, metrics, next.Leases);
        await owner.CommitAsync(TraceWithScore("trace-1"), CancellationToken.None);

        var deletion = new TraceWrite(Project, "trace-1", null, [], [], new Dictionary<RollupKey, RollupValues>(), DeleteTrace: true);
        await Assert.ThrowsAsync<PartitionLeaseLostException>(() => stale.CommitAsync(deletion, CancellationToken.None));

        Assert.Equal(1L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM scores WHERE trace_id = 'trace-1'"));
    }

    [Fact]
    public async Task When_two_silos_both_believe_they_own_a_partition_the_stale_ones_grain_state_write_is_rejected()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        const string key = Project + "/counter-1";
        var (paused, next, partition) = await TakeOverAsync(dataSource, key);
        var stale = new PostgresGrainStorage(dataSource, paused.Leases);
        var owner = new PostgresGrainStorage(dataSource, next.Leases);
        var etag = await owner.WriteAsync("Counter", key, new CounterState { Count = 2 }, null, CancellationToken.None);

        // Even with the current version in hand (no optimistic-concurrency conflict), the fence refuses the stale writer.
        var rejected = await Assert.ThrowsAsync<PartitionLeaseLostException>(() =>
            stale.WriteAsync("Counter", key, new CounterState { Count = 1 }, etag, CancellationToken.None));
        await Assert.ThrowsAsync<PartitionLeaseLostException>(() => stale.ClearAsync("Counter", key, etag, CancellationToken.None));

        Assert.Equal(partition, rejected.Partition);
        var stored = await owner.ReadAsync<CounterState>("Counter", key, CancellationToken.None);
        Assert.Equal(2, stored!.State.Count);
        Assert.Equal(etag, stored.Etag);
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

    /// <summary>The first silo takes every partition, is paused (no heartbeat), and the second takes the key's partition over.</summary>
    private static async Task<(ClusterSilo Paused, ClusterSilo Next, int Partition)> TakeOverAsync(NpgsqlDataSource dataSource, string key)
    {
        var paused = new ClusterSilo(dataSource, "silo-paused");
        var next = new ClusterSilo(dataSource, "silo-next");
        await paused.RebalanceAsync();
        var partition = paused.Leases.PartitionOf(key);
        await ClusterSilo.RebalanceUntilAsync([next], () => next.Leases.Owned.ContainsKey(partition), "the other silo takes the partition over");
        Assert.True(paused.Leases.Owned.ContainsKey(partition), "the paused silo still believes it owns the partition");
        return (paused, next, partition);
    }

    private static TraceWriteBatcher Batcher(NpgsqlDataSource dataSource, ServiceProvider metrics, IWriteFencing fencing) =>
        new(dataSource, new IgnoredRollupChanges(), Options.Create(new TraceWriteOptions()), metrics.GetRequiredService<IMeterFactory>(),
            NullLogger<TraceWriteBatcher>.Instance, fencing);

    private static TraceWrite TraceWithScore(string traceId) =>
        new(Project, traceId, null, [], [new ScoreRow(Project, "score-of-" + traceId, traceId, null, null, null, "quality", 1, null, "NUMERIC", "API", null,
            null, null, null, "default", DateTimeOffset.UtcNow, "{}")], new Dictionary<RollupKey, RollupValues>());

    private static TraceWrite ScoreWrite(string id, double value) =>
        new(Project, "", null, [], [new ScoreRow(Project, id, null, null, null, null, "quality", value, null, "NUMERIC", "API", null, null, null, null,
            "default", DateTimeOffset.UtcNow, "{}")], new Dictionary<RollupKey, RollupValues>());
}
