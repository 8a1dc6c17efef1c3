using Lantern.Silo.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Pricing;

/// <summary>
/// Loads the project model view before the node starts, then polls the model revision so changes made on another node
/// (or with plain SQL) reach this one within <see cref="Interval"/>. The node that makes a change reloads at once.
/// </summary>
internal sealed partial class ModelCacheRefresher(ProjectModelCache cache, TimeProvider time, ILogger<ModelCacheRefresher> logger)
    : BackgroundService, IStartupTask
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public Task RunAsync(CancellationToken cancellationToken) => cache.RefreshAsync(force: true, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await cache.RefreshAsync(force: false, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Keep pricing with the last good view; the next tick retries.
                    LogRefreshFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading project model prices failed; pricing keeps the previous view")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
