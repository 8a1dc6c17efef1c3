using Lantern.Silo.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Hosting;

/// <summary>
/// Applies migrations before anything else starts, then runs the start-up tasks (headless initialisation).
/// Waits for PostgreSQL with backoff, so a node started before its database comes up once it does.
/// </summary>
internal sealed partial class MigrationHostedService(
    Migrator migrator,
    IEnumerable<IStartupTask> startupTasks,
    SiloReadiness readiness,
    ILogger<MigrationHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await migrator.MigrateAsync(cancellationToken);
                break;
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or System.Net.Sockets.SocketException)
            {
                LogDatabaseUnavailable(logger, exception.Message, delay.TotalSeconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }

        foreach (var task in startupTasks)
        {
            await task.RunAsync(cancellationToken);
        }

        readiness.MarkStarted();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL is not reachable ({Reason}); retrying in {Seconds}s")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string reason, double seconds);
}
