using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Logs when a queue's consumer faults and when it consumes again. MassTransit reconnects a faulted consumer on its own
/// schedule and says so only at debug level, so without this an operator cannot tell a partition whose messages wait
/// for a reconnect (or for a consumer that never came back) from one that is merely idle.
/// </summary>
public sealed partial class ConsumerStateLog(ILogger<ConsumerStateLog> logger) : IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<Uri, DateTimeOffset> _faultedSince = new();

    public Task Ready(ReceiveEndpointReady ready)
    {
        if (_faultedSince.TryRemove(ready.InputAddress, out var since))
        {
            LogConsumingAgain(logger, QueueOf(ready.InputAddress), (DateTimeOffset.UtcNow - since).TotalSeconds);
        }

        return Task.CompletedTask;
    }

    public Task Faulted(ReceiveEndpointFaulted faulted)
    {
        if (_faultedSince.TryAdd(faulted.InputAddress, DateTimeOffset.UtcNow))
        {
            LogFaulted(logger, faulted.Exception, QueueOf(faulted.InputAddress));
        }

        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    // rabbitmq://host/[vhost/]queue
    private static string QueueOf(Uri inputAddress) => inputAddress.AbsolutePath.Split('/')[^1];

    [LoggerMessage(LogLevel.Warning, "The consumer of queue {Queue} faulted; its messages wait in the queue until it reconnects")]
    private static partial void LogFaulted(ILogger logger, Exception? exception, string queue);

    [LoggerMessage(LogLevel.Information, "The consumer of queue {Queue} consumes again after {Seconds:F1} s")]
    private static partial void LogConsumingAgain(ILogger logger, string queue, double seconds);
}
