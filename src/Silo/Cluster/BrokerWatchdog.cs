using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Runs <see cref="BrokerWedgeDetector"/>'s check every few seconds (it probes the broker while sends fail or queues are
/// consumed), and logs when the process turns wedged (<c>/health/live</c> then answers 503) and when it recovers.
/// </summary>
public sealed partial class BrokerWatchdog(
    BrokerWedgeDetector detector,
    BrokerProbe probe,
    IEnumerable<ILeaseObserver> leaseObservers,
    ClusterOptions options,
    TimeProvider time,
    ILogger<BrokerWatchdog> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.WedgeWindow == TimeSpan.Zero)
        {
            return; // LANTERN_BROKER_WEDGE_SECONDS=0: off, and the probe never connects.
        }

        // Only processes that hold partitions consume them (none on an API process).
        var consumers = leaseObservers.OfType<PartitionConsumers>().SingleOrDefault();
        // Several probes per window, so one slow probe does not decide it; never more often than twice a second.
        var interval = TimeSpan.FromTicks(Math.Clamp(options.WedgeWindow.Ticks / 6, TimeSpan.TicksPerSecond / 2, 10 * TimeSpan.TicksPerSecond));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                var wasWedged = detector.Wedged;
                await detector.CheckAsync(consumers?.ConsumedQueues ?? [], queues => probe.RunAsync(queues, stoppingToken));
                if (wasWedged is null && detector.Wedged is { } reason)
                {
                    LogWedged(logger, reason);
                }
                else if (wasWedged is not null && detector.Wedged is null)
                {
                    LogRecovered(logger);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Critical, "{Reason}; /health/live answers 503")]
    private static partial void LogWedged(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Warning, "The broker sees this process's sends and consumers again, or stopped answering the probe; /health/live answers 200")]
    private static partial void LogRecovered(ILogger logger);
}
