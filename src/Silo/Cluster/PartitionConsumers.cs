using MassTransit;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Consumes exactly the queues of the partitions this silo holds: a queue is connected when its partition is acquired
/// and stopped (in-flight messages finish or go back to the queue) when it is lost.
/// </summary>
public sealed class PartitionConsumers(IReceiveEndpointConnector connector, ClusterOptions options) : ILeaseObserver
{
    private readonly Dictionary<int, HostReceiveEndpointHandle> _handles = [];
    private volatile string[] _consumedQueues = [];

    /// <summary>The queues consumed now; read by the watchdog, which asks the broker whether it sees their consumers.</summary>
    public IReadOnlyCollection<string> ConsumedQueues => _consumedQueues;

    public async Task OnLeasesChangedAsync(LeaseChange change, CancellationToken cancellationToken)
    {
        foreach (var partition in change.Lost)
        {
            if (_handles.Remove(partition, out var handle))
            {
                await handle.StopAsync(cancellationToken);
            }
        }

        foreach (var partition in change.Acquired.Keys.Where(p => !_handles.ContainsKey(p)))
        {
            _handles[partition] = connector.ConnectReceiveEndpoint(PartitionQueues.Name(options.Name, partition), (context, endpoint) =>
            {
                ConfigureOrderedDelivery(endpoint);
                endpoint.ConfigureConsumer<PartitionBatchConsumer>(context);
                endpoint.ConfigureConsumer<PartitionTraceDeletionConsumer>(context);
                endpoint.ConfigureConsumer<PartitionScoreDeletionConsumer>(context);
                endpoint.ConfigureConsumer<PartitionRollupChangesConsumer>(context);
                endpoint.ConfigureConsumer<PartitionRollupForgetConsumer>(context);
                endpoint.ConfigureConsumer<PartitionSpendAlertsConsumer>(context);
            });
        }

        _consumedQueues = [.. _handles.Keys.Select(p => PartitionQueues.Name(options.Name, p))];
    }

    /// <summary>
    /// One order key's deliveries apply in the broker's order, each retried in place (0.1, 0.5, 1 and 2 s) before the next
    /// runs; one that still fails is requeued by the broker instead of moved to an <c>_error</c> queue.
    /// </summary>
    public static void ConfigureOrderedDelivery(IReceiveEndpointConfigurator endpoint)
    {
        // In the receive pipe, so it wraps deserialization and the retry that MassTransit adds to each message type.
        endpoint.ConfigureReceive(receive => receive.UseFilter(new PartitionDeliveryOrder()));
        endpoint.UseMessageRetry(r => r.Intervals(100, 500, 1000, 2000));
        endpoint.RethrowFaultedMessages();
    }
}
