using Lantern.Silo.Traces;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Lantern.Silo.Rollups;

/// <summary>
/// Adds every stored user and session key to the <see cref="RollupKeyFilter"/> once the migrations have run (hosted
/// services start in order), then marks it complete. Until then the filter answers nothing for certain and reads go to
/// PostgreSQL as before; commits add their keys meanwhile. A failed read is tried again. Nothing is read when the cache
/// is off.
/// </summary>
internal sealed partial class RollupKeyFilterLoader(
    NpgsqlDataSource dataSource, RollupKeyFilter filter, RollupRowCache cache, TimeProvider time, ILogger<RollupKeyFilterLoader> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!cache.IsEnabled)
        {
            return;
        }

        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var started = time.GetTimestamp();
                var rows = await LoadAsync(stoppingToken);
                filter.MarkComplete();
                LogLoaded(logger, rows, time.GetElapsedTime(started).TotalSeconds);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                LogLoadFailed(logger, exception, delay.TotalSeconds);
                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
            }
        }
    }

    private async Task<long> LoadAsync(CancellationToken cancellationToken)
    {
        // Every row, not DISTINCT keys: the filter drops repeats for nothing, where PostgreSQL would sort or hash them all.
        await using var command = dataSource.CreateCommand("SELECT project_id, scope, scope_key FROM rollups WHERE scope IN ('user', 'session')");
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            filter.Add(new RollupScopeKey(reader.GetString(0), RollupColumns.ParseScope(reader.GetString(1)), reader.GetString(2)));
            rows++;
        }

        return rows;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollup key filter loaded from {Rows} stored user and session rows in {Seconds:F1} s")]
    private static partial void LogLoaded(ILogger logger, long rows, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the stored user and session keys failed; trying again in {Seconds} s (reads of unknown keys go to PostgreSQL meanwhile)")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, double seconds);
}
