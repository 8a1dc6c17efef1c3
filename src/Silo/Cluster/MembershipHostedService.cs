using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Runs this silo's heartbeat and rebalance every interval, and on a graceful stop gives its partitions back at once
/// instead of letting the others wait for the lease timeout.
/// </summary>
public sealed partial class MembershipHostedService(
    PartitionLeases leases, ClusterOptions options, TimeProvider time, ILogger<MembershipHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await leases.RebalanceAsync(stoppingToken);
                await Task.Delay(options.HeartbeatInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A misconfiguration (partition count) or an observer failure: keep heartbeating, say why loudly.
                LogTickFailed(logger, exception);
                await Task.Delay(options.HeartbeatInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await leases.LeaveAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogLeaveFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Membership heartbeat failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leaving the cluster failed; the partitions move after the lease timeout")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception);
}
