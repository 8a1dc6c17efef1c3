using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Privacy;

/// <summary>
/// Runs the retention job every <see cref="RetentionOptions.Interval"/> (the first run one interval after start), unless
/// another process of the cluster is running it at that moment.
/// </summary>
internal sealed partial class RetentionService(RetentionJob job, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await job.RunScheduledAsync(stoppingToken) is not { } runs)
                    {
                        LogSkipped(logger);
                        continue;
                    }

                    foreach (var run in runs)
                    {
                        LogRun(logger, run.ProjectId, run.Deleted.Traces, run.Cutoff);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // What was deleted stays deleted; the next run carries on from there.
                    LogRunFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Traces} traces of project {ProjectId} older than {Cutoff}")]
    private static partial void LogRun(ILogger logger, string projectId, long traces, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Another process is running retention; this tick is skipped")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A retention run failed; the next run retries")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
