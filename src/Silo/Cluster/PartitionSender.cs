using Microsoft.Extensions.Logging;
using MassTransit;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Sends messages to the durable queues of their keys' partitions and returns once the broker confirmed every one
/// (publisher confirms). If it cannot within the send timeout, it throws <see cref="BrokerUnavailableException"/> (503):
/// the client resends, which is safe because every message the silos apply is idempotent.
/// </summary>
public sealed partial class PartitionSender(IBus bus, BrokerSends sends, ClusterOptions options, ILogger<PartitionSender> logger)
{
    public async Task SendAsync<T>(string projectId, IReadOnlyList<(string Key, T Message)> messages, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await sends.RunAsync(deadline => Task.WhenAll(messages.Select(m => SendOneAsync(m.Key, m.Message, deadline))), cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogSendFailed(logger, exception, typeof(T).Name, messages.Count, projectId);
            throw new BrokerUnavailableException("The message broker is unavailable; retry later. Nothing in this request was stored.", exception);
        }
    }

    private async Task SendOneAsync<T>(string key, T message, CancellationToken cancellationToken)
        where T : class
    {
        var endpoint = await bus.GetSendEndpoint(PartitionQueues.Address(options.Name, PartitionHash.Of(key, options.Partitions)));
        await endpoint.Send(message, cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "Sending {Count} {MessageType} messages of project {ProjectId} to the broker failed; the request is answered 503")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string messageType, int count, string projectId);
}
