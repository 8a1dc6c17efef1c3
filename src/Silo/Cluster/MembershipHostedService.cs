using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Runs two loops every interval: this silo's heartbeat, and its rebalance. They are apart because a rebalance waits for
/// the lease observers (stopping and starting queue consumers, draining grains), which can take longer than the lease
/// timeout on a busy silo; the heartbeat never waits for them. On a graceful stop the silo gives its partitions back at
/// once instead of letting the others wait for the lease timeout.
/// </summary>
public sealed partial class MembershipHostedService(
    PartitionLeases leases, ClusterOptions options, TimeProvider time, ILogger<MembershipHostedService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            Task.Run(() => EveryIntervalAsync("heartbeat", leases.HeartbeatAsync, stoppingToken), stoppingToken),
            Task.Run(() => EveryIntervalAsync("rebalance", leases.RebalanceAsync, stoppingToken), stoppingToken));

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

    private async Task EveryIntervalAsync(string loop, Func<CancellationToken, Task> tick, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await tick(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A misconfiguration (partition count) or an observer failure: keep going, say why loudly.
                LogTickFailed(logger, exception, loop);
            }

            await Task.Delay(options.HeartbeatInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Membership {Loop} failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, string loop);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leaving the cluster failed; the partitions move after the lease timeout")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception);
}
