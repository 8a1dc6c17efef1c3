using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Asks the broker, over a connection of its own, whether it confirms a message: one unroutable message on a channel
/// with publisher confirmations, which a broker that accepts publishes confirms at once and drops. Then reads the
/// consumer count of each queue this process consumes (a passive declare), to see whether the broker still sees the
/// process's consumers. It touches none of the cluster's queues. The connection is kept between probes (the broker logs
/// every connection) and replaced after any failure.
/// </summary>
public sealed class BrokerProbe(ClusterOptions options) : IAsyncDisposable
{
    /// <summary>Long enough for a healthy broker under load.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static readonly CreateChannelOptions Confirmed = new(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    private IConnection? _connection;

    /// <summary>Probes the broker within the timeout; <see cref="BrokerProbeResult.Unanswered"/> when it does not answer.</summary>
    public async Task<BrokerProbeResult> RunAsync(IReadOnlyCollection<string> consumedQueues, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<string> withoutConsumer = [];
            await BrokerDeadline.RunAsync(async deadline => withoutConsumer = await ProbeAsync(consumedQueues, deadline), Timeout, cancellationToken);
            return new BrokerProbeResult(true, withoutConsumer);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            Abandon();
            return BrokerProbeResult.Unanswered;
        }
    }

    private async Task<IReadOnlyList<string>> ProbeAsync(IReadOnlyCollection<string> consumedQueues, CancellationToken deadline)
    {
        if (_connection is not { IsOpen: true })
        {
            Abandon();
            _connection = await new ConnectionFactory
            {
                Uri = new Uri(options.RabbitMqUrl),
                ClientProvidedName = $"lantern-probe-{options.SiloId}",
                AutomaticRecoveryEnabled = false,
                TopologyRecoveryEnabled = false,
                RequestedConnectionTimeout = Timeout,
            }.CreateConnectionAsync(deadline);
        }

        var channel = await _connection.CreateChannelAsync(Confirmed, deadline);
        try
        {
            // With confirmation tracking the publish returns once the broker confirms it, and throws if it refuses it.
            await channel.BasicPublishAsync("", $"lantern-probe-{Guid.NewGuid():N}", mandatory: false, ReadOnlyMemory<byte>.Empty, deadline);
            var withoutConsumer = new List<string>();
            foreach (var queue in consumedQueues)
            {
                try
                {
                    if ((await channel.QueueDeclarePassiveAsync(queue, deadline)).ConsumerCount == 0)
                    {
                        withoutConsumer.Add(queue);
                    }
                }
                catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
                {
                    // The broker closes the channel on a queue it does not have (a broker whose data was lost).
                    withoutConsumer.Add(queue);
                    await channel.DisposeAsync();
                    channel = await _connection.CreateChannelAsync(Confirmed, deadline);
                }
            }

            return withoutConsumer;
        }
        finally
        {
            await channel.DisposeAsync();
        }
    }

    // A connection that failed is dropped without waiting: closing one that hangs would hang the next probe.
    private void Abandon()
    {
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            _ = connection.DisposeAsync().AsTask().ContinueWith(static closed => _ = closed.Exception, TaskScheduler.Default);
        }
    }

    public ValueTask DisposeAsync()
    {
        Abandon();
        return ValueTask.CompletedTask;
    }
}
