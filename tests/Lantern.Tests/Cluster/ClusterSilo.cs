using Lantern.Silo.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Lantern.Tests.Cluster;

/// <summary>One silo's membership in a test: its lease view over a shared database, rebalanced when the test says so.</summary>
public sealed class ClusterSilo(
    NpgsqlDataSource dataSource, string siloId, int partitions = 64, double leaseTimeoutSeconds = 1, IReadOnlyList<ILeaseObserver>? observers = null)
    : IAsyncDisposable
{
    public ClusterOptions Options { get; } = new()
    {
        SiloId = siloId,
        Partitions = partitions,
        HeartbeatInterval = TimeSpan.FromSeconds(leaseTimeoutSeconds / 4),
        LeaseTimeout = TimeSpan.FromSeconds(leaseTimeoutSeconds),
    };

    public PartitionLeases Leases => _leases ??= new PartitionLeases(
        Table, Options, observers ?? [], TimeProvider.System, NullLogger<PartitionLeases>.Instance);

    private MembershipTable Table => _table ??= new MembershipTable(dataSource, Options);

    private PartitionLeases? _leases;
    private MembershipTable? _table;

    /// <summary>The loops a silo process runs: heartbeat and rebalance every interval, until stopped.</summary>
    public MembershipHostedService Loops() => new(Leases, Options, TimeProvider.System, NullLogger<MembershipHostedService>.Instance);

    public ValueTask DisposeAsync() => _table?.DisposeAsync() ?? ValueTask.CompletedTask;

    public Task RebalanceAsync() => Leases.RebalanceAsync(CancellationToken.None);

    /// <summary>Rebalances every silo in turn until the condition holds (each rebalance is one heartbeat).</summary>
    public static async Task RebalanceUntilAsync(IReadOnlyList<ClusterSilo> silos, Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            foreach (var silo in silos)
            {
                await silo.RebalanceAsync();
            }

            if (condition())
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }
}
