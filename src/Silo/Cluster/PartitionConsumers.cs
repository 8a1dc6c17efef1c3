using MassTransit;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Consumes exactly the queues of the partitions this silo holds: a queue is connected when its partition is acquired
/// and stopped (in-flight messages finish or go back to the queue) when it is lost.
/// </summary>
public sealed class PartitionConsumers(IReceiveEndpointConnector connector, ClusterOptions options) : ILeaseObserver
{
    private readonly Dictionary<int, HostReceiveEndpointHandle> _handles = [];

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
                // First, so it wraps everything below it: one key's deliveries reach their grain in the broker's order.
                endpoint.UseFilter(new PartitionDeliveryOrder());
                endpoint.UseMessageRetry(r => r.Intervals(100, 500, 1000, 2000));
                // A batch that still fails is requeued by the broker instead of moved to an _error queue.
                endpoint.RethrowFaultedMessages();
                endpoint.ConfigureConsumer<PartitionBatchConsumer>(context);
                endpoint.ConfigureConsumer<PartitionTraceDeletionConsumer>(context);
                endpoint.ConfigureConsumer<PartitionScoreDeletionConsumer>(context);
                endpoint.ConfigureConsumer<PartitionRollupChangesConsumer>(context);
                endpoint.ConfigureConsumer<PartitionRollupForgetConsumer>(context);
                endpoint.ConfigureConsumer<PartitionSpendAlertsConsumer>(context);
            });
        }
    }
}
