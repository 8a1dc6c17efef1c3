using RabbitMQ.Client;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Asks the broker, over a short-lived connection of its own, whether it confirms a message: one unroutable message on a
/// channel with publisher confirmations, which a broker that accepts publishes confirms at once and drops. It touches
/// none of the cluster's queues.
/// </summary>
public sealed class BrokerProbe(ClusterOptions options)
{
    /// <summary>Long enough for a healthy broker under load; a probe is rare (only while sends fail).</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>True if the broker confirmed the probe's message within the timeout.</summary>
    public async Task<bool> ConfirmsAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(options.RabbitMqUrl),
            ClientProvidedName = $"lantern-probe-{options.SiloId}",
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = Timeout,
        };
        try
        {
            await BrokerDeadline.RunAsync(
                async deadline =>
                {
                    await using var connection = await factory.CreateConnectionAsync(deadline);
                    var confirmed = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
                    await using var channel = await connection.CreateChannelAsync(confirmed, deadline);
                    // With confirmation tracking the publish returns once the broker confirms it, and throws if it refuses it.
                    await channel.BasicPublishAsync("", $"lantern-probe-{Guid.NewGuid():N}", mandatory: false, ReadOnlyMemory<byte>.Empty, deadline);
                    await connection.CloseAsync(deadline);
                },
                Timeout, cancellationToken);
            return true;
        }
        catch (Exception failure) when (failure is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
