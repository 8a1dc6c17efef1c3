using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Lantern.Silo.Projects;

/// <summary>
/// Listens on PostgreSQL's <c>lantern_api_keys</c> channel (0031_api_key_notify.sql) and evicts each changed key from this
/// node's <see cref="ApiKeyCache"/>, so a revocation on any node takes effect on all of them at once. While the connection
/// is down nothing is announced, so the cache is cleared whenever listening (re)starts.
/// </summary>
public sealed partial class ApiKeyChangeListener(NpgsqlDataSource dataSource, ApiKeyCache cache, ILogger<ApiKeyChangeListener> logger)
    : BackgroundService
{
    private const string Channel = "lantern_api_keys";
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogListenFailed(logger, exception);
                await Task.Delay(RetryDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, notification) => cache.Evict(notification.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        cache.Clear();
        while (!stoppingToken.IsCancellationRequested)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for API key changes failed; retrying (until then a revoked key works here for up to 30 s)")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
