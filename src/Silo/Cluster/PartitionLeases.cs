using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Cluster;

/// <summary>
/// This silo's view of the partitions it holds. Each rebalance replaces the view and tells the observers what changed;
/// writes name the fencing number of this view and PostgreSQL refuses them if the lease moved on meanwhile. Heartbeats
/// run apart from rebalances (which wait for the observers), so a silo busy draining partitions stays a member. A silo
/// whose heartbeat has not succeeded for longer than the lease timeout drops its view at once: others own it by now.
/// </summary>
public sealed partial class PartitionLeases(
    MembershipTable table, ClusterOptions options, IEnumerable<ILeaseObserver> observers, TimeProvider time, ILogger<PartitionLeases> logger)
    : IWriteFencing
{
    private static readonly IReadOnlyDictionary<int, long> None = new Dictionary<int, long>();

    private readonly ILeaseObserver[] _observers = [.. observers];

    // What writes are fenced with. The heartbeat may empty it at any time; only rebalances fill it.
    private IReadOnlyDictionary<int, long> _owned = None;

    // What the observers were last told; touched by rebalances only, which run one at a time.
    private IReadOnlyDictionary<int, long> _observed = None;
    private long _lastHeartbeat = -1;
    private volatile bool _rebalanced;

    public string SiloId => options.SiloId;

    /// <summary>The partitions this silo holds, with their fencing numbers.</summary>
    public IReadOnlyDictionary<int, long> Owned => Volatile.Read(ref _owned);

    /// <summary>Whether this silo knows where it stands: a rebalance succeeded and its heartbeat is within the lease timeout.</summary>
    public bool HasView => _rebalanced && !HeartbeatExpired();

    public int PartitionOf(string partitionKey) => PartitionHash.Of(partitionKey, options.Partitions);

    public WriteFence FenceFor(string partitionKey)
    {
        var partition = PartitionOf(partitionKey);
        return Owned.TryGetValue(partition, out var fencing)
            ? new WriteFence(options.SiloId, partition, fencing)
            : throw new PartitionLeaseLostException(options.SiloId, partition, null);
    }

    WriteFence? IWriteFencing.FenceFor(string partitionKey) => FenceFor(partitionKey);

    /// <summary>Refreshes this silo's membership row; never waits for a rebalance or an observer.</summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.LeaseTimeout);
            if (await table.HeartbeatAsync(timeout.Token))
            {
                RecordHeartbeat(started);
            }
            else if (_rebalanced)
            {
                // The others expired this silo and freed its partitions: its view is void now, not after the timeout.
                Interlocked.Exchange(ref _lastHeartbeat, -1);
                DropView();
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogHeartbeatFailed(logger, exception, options.SiloId);
            if (HeartbeatExpired())
            {
                DropView();
            }
        }
    }

    /// <summary>Heartbeats and rebalances once, then waits for the observers to act on the change.</summary>
    public async Task RebalanceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<int, long> next;
        var started = time.GetTimestamp();
        try
        {
            next = await table.RebalanceAsync(cancellationToken);
            RecordHeartbeat(started);
            _rebalanced = true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRebalanceFailed(logger, exception, options.SiloId);
            if (!HeartbeatExpired())
            {
                // Still a member: the leases in PostgreSQL are the ones of the current view.
                return;
            }

            next = None;
        }

        await ApplyAsync(next, cancellationToken);
    }

    /// <summary>Gives every partition back (graceful shutdown) so that others take them over without waiting for the timeout.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await ApplyAsync(None, cancellationToken);
        await table.LeaveAsync(cancellationToken);
    }

    // PostgreSQL stamps the row after this moment, so by our own count the lease never outlives what the others see.
    private void RecordHeartbeat(long started)
    {
        var last = Interlocked.Read(ref _lastHeartbeat);
        while (started > last && Interlocked.CompareExchange(ref _lastHeartbeat, started, last) is var seen && seen != last)
        {
            last = seen;
        }
    }

    private bool HeartbeatExpired()
    {
        var last = Interlocked.Read(ref _lastHeartbeat);
        return last < 0 || time.GetElapsedTime(last) >= options.LeaseTimeout;
    }

    private void DropView()
    {
        if (Interlocked.Exchange(ref _owned, None).Count > 0)
        {
            // Writes stop here; the observers hear of the loss from the next rebalance, which the heartbeat never waits for.
            LogViewDropped(logger, options.SiloId);
        }
    }

    private async Task ApplyAsync(IReadOnlyDictionary<int, long> next, CancellationToken cancellationToken)
    {
        var previous = _observed;
        // A partition held under a new fencing number was lost and taken back in between: both a loss and a gain.
        var lost = previous.Where(p => !next.TryGetValue(p.Key, out var fencing) || fencing != p.Value).Select(p => p.Key).ToList();
        var acquired = next.Where(p => !previous.TryGetValue(p.Key, out var fencing) || fencing != p.Value).ToDictionary();
        if (lost.Count == 0 && acquired.Count == 0)
        {
            // Nothing changed, but a view the heartbeat dropped comes back once a rebalance has confirmed it.
            Volatile.Write(ref _owned, next);
            return;
        }

        LogLeasesChanged(logger, options.SiloId, acquired.Count, lost.Count, next.Count);
        if (lost.Count > 0)
        {
            // Losses are drained before gains are published, so that nothing loaded under the old lease writes under the new one.
            var kept = previous.Where(p => !lost.Contains(p.Key)).ToDictionary();
            Volatile.Write(ref _owned, kept);
            _observed = kept;
            await NotifyAsync(new LeaseChange(None, lost), cancellationToken);
        }

        Volatile.Write(ref _owned, next);
        _observed = next;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {SiloId} could not heartbeat; it keeps its partitions until the lease timeout")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception, string siloId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {SiloId} could not rebalance; it keeps its partitions while its heartbeat holds")]
    private static partial void LogRebalanceFailed(ILogger logger, Exception exception, string siloId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Silo {SiloId} lost its membership (no heartbeat within the lease timeout, or expired by the others); it dropped its partitions and stops writing")]
    private static partial void LogViewDropped(ILogger logger, string siloId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} acquired {Acquired} and lost {Lost} partitions; it holds {Held}")]
    private static partial void LogLeasesChanged(ILogger logger, string siloId, int acquired, int lost, int held);
}
