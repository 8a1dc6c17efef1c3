using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Lantern.Silo.Changes;

/// <summary>
/// Listens on the channels of every <see cref="IChangeSubscriber"/> and hands each announced change to its subscribers,
/// so a key revoked or a policy changed on any node takes effect on all of them at once. While the connection is down
/// nothing is announced, so every subscriber is cleared whenever listening (re)starts.
/// </summary>
public sealed partial class ChangeListener(NpgsqlDataSource dataSource, IEnumerable<IChangeSubscriber> subscribers, ILogger<ChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly ILookup<string, IChangeSubscriber> _byChannel = subscribers.ToLookup(s => s.Channel, StringComparer.Ordinal);

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
        connection.Notification += (_, notification) =>
        {
            foreach (var subscriber in _byChannel[notification.Channel])
            {
                subscriber.Changed(notification.Payload);
            }
        };
        foreach (var channel in _byChannel.Select(g => g.Key))
        {
            // Channel names are constants of ours, never input.
            await using var listen = new NpgsqlCommand($"LISTEN {channel}", connection);
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        foreach (var subscriber in _byChannel.SelectMany(g => g))
        {
            subscriber.Clear();
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for changes made by other nodes failed; retrying (until then cached keys and settings may lag by up to 30 s)")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
