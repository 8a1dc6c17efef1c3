using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Cluster;

/// <summary>
/// This silo's view of the partitions it holds. Each rebalance replaces the view and tells the observers what changed;
/// writes name the fencing number of this view and PostgreSQL refuses them if the lease moved on meanwhile. A silo that
/// cannot reach the membership table for longer than the lease timeout drops its view on its own: others own it by now.
/// </summary>
public sealed partial class PartitionLeases(
    MembershipTable table, ClusterOptions options, IEnumerable<ILeaseObserver> observers, TimeProvider time, ILogger<PartitionLeases> logger)
    : IWriteFencing
{
    private readonly ILeaseObserver[] _observers = [.. observers];
    private IReadOnlyDictionary<int, long> _owned = new Dictionary<int, long>();
    private long? _lastRebalance;

    public string SiloId => options.SiloId;

    /// <summary>The partitions this silo holds, with their fencing numbers.</summary>
    public IReadOnlyDictionary<int, long> Owned => Volatile.Read(ref _owned);

    public int PartitionOf(string partitionKey) => PartitionHash.Of(partitionKey, options.Partitions);

    public WriteFence FenceFor(string partitionKey)
    {
        var partition = PartitionOf(partitionKey);
        return Owned.TryGetValue(partition, out var fencing)
            ? new WriteFence(options.SiloId, partition, fencing)
            : throw new PartitionLeaseLostException(options.SiloId, partition, null);
    }

    WriteFence? IWriteFencing.FenceFor(string partitionKey) => FenceFor(partitionKey);

    /// <summary>Heartbeats and rebalances once, then waits for the observers to act on the change.</summary>
    public async Task RebalanceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<int, long> next;
        try
        {
            next = await table.RebalanceAsync(cancellationToken);
            _lastRebalance = time.GetTimestamp();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRebalanceFailed(logger, exception, options.SiloId);
            if (_lastRebalance is { } last && time.GetElapsedTime(last) < options.LeaseTimeout)
            {
                return;
            }

            next = new Dictionary<int, long>();
        }

        await ApplyAsync(next, cancellationToken);
    }

    /// <summary>Gives every partition back (graceful shutdown) so that others take them over without waiting for the timeout.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await ApplyAsync(new Dictionary<int, long>(), cancellationToken);
        await table.LeaveAsync(cancellationToken);
    }

    private async Task ApplyAsync(IReadOnlyDictionary<int, long> next, CancellationToken cancellationToken)
    {
        var previous = Owned;
        // A partition held under a new fencing number was lost and taken back in between: both a loss and a gain.
        var lost = previous.Where(p => !next.TryGetValue(p.Key, out var fencing) || fencing != p.Value).Select(p => p.Key).ToList();
        var acquired = next.Where(p => !previous.TryGetValue(p.Key, out var fencing) || fencing != p.Value).ToDictionary();
        if (lost.Count == 0 && acquired.Count == 0)
        {
            return;
        }

        LogLeasesChanged(logger, options.SiloId, acquired.Count, lost.Count, next.Count);
        if (lost.Count > 0)
        {
            // Losses are drained before gains are published, so that nothing loaded under the old lease writes under the new one.
            Volatile.Write(ref _owned, previous.Where(p => !lost.Contains(p.Key)).ToDictionary());
            await NotifyAsync(new LeaseChange(new Dictionary<int, long>(), lost), cancellationToken);
        }

        Volatile.Write(ref _owned, next);
        if (acquired.Count > 0)
        {
            await NotifyAsync(new LeaseChange(acquired, []), cancellationToken);
        }
    }

    private async Task NotifyAsync(LeaseChange change, CancellationToken cancellationToken)
    {
        foreach (var observer in _observers)
        {
            await observer.OnLeasesChangedAsync(change, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {SiloId} could not heartbeat or rebalance; it keeps its partitions until the lease timeout")]
    private static partial void LogRebalanceFailed(ILogger logger, Exception exception, string siloId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} acquired {Acquired} and lost {Lost} partitions; it holds {Held}")]
    private static partial void LogLeasesChanged(ILogger logger, string siloId, int acquired, int lost, int held);
}
