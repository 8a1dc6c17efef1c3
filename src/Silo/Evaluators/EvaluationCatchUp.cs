using Lantern.Silo.Encryption;
using Lantern.Silo.Metrics.Instruments;
using Lantern.Silo.Streams;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lantern.Silo.Evaluators;

/// <summary>
/// Scores what the evaluation stream shed once it has room again: reads the shed texts back from their rows (decrypted
/// when encryption at rest is on) and publishes them again, oldest first. A text the stream still refuses goes back to the
/// backlog and the next try waits a second, so catching up takes only the room fresh texts leave.
/// </summary>
public sealed partial class EvaluationCatchUp(
    EvaluationBacklog backlog,
    IMessageStream<EvaluationRequest> stream,
    NpgsqlDataSource dataSource,
    PayloadCipher cipher,
    EvaluatorSet evaluators,
    EvaluatorMetrics metrics,
    IOptions<EvaluatorOptions> options,
    TimeProvider time,
    ILogger<EvaluationCatchUp> logger) : BackgroundService
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!evaluators.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Pause, time, stoppingToken);
                while (backlog.Count > 0 && await RepublishAsync(backlog.Take(options.Value.BatchSize), stoppingToken))
                {
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception exception)
            {
                // PostgreSQL unreachable, or a payload that no longer decrypts: the texts of this batch stay unscored.
                LogCatchUpFailed(logger, exception);
            }
        }
    }

    /// <summary>Publishes the batch's texts again; false when the stream was full, with the rest back in the backlog.</summary>
    private async Task<bool> RepublishAsync(List<ShedText> batch, CancellationToken cancellationToken)
    {
        var texts = await ReadAsync(batch, cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            // A row deleted since (or a field that holds no text) has nothing left to score.
            if (texts.GetValueOrDefault(batch[i]) is not { } text)
            {
                continue;
            }

            var shed = batch[i];
            if (!stream.TryPublish(EvaluationRequest.For(shed.ProjectId, shed.TraceId, shed.ObservationId, shed.Field, text)))
            {
                foreach (var remaining in batch[i..])
                {
                    backlog.Remember(remaining);
                }

                return false;
            }

            metrics.Requeued();
        }

        return true;
    }

    private async Task<Dictionary<ShedText, string>> ReadAsync(List<ShedText> batch, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<ShedText, string>();
        foreach (var group in batch.GroupBy(t => (t.ProjectId, Observation: t.ObservationId is not null)))
        {
            var (table, sql) = group.Key.Observation
                ? ("observations", "SELECT id, trace_id, input, output FROM observations WHERE project_id = $1 AND id = ANY($2)")
                : ("traces", "SELECT id, id, input, output FROM traces WHERE project_id = $1 AND id = ANY($2)");
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = group.Key.ProjectId });
            command.Parameters.Add(new NpgsqlParameter { Value = group.Select(t => t.ObservationId ?? t.TraceId).Distinct().ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (id, traceId) = (reader.GetString(0), reader.GetString(1));
                var observationId = group.Key.Observation ? id : null;
                foreach (var (field, column) in new[] { ("input", 2), ("output", 3) })
                {
                    var stored = reader.IsDBNull(column) ? null : reader.GetString(column);
                    var key = new ShedText(group.Key.ProjectId, traceId, observationId, field);
                    if (EvaluationText.From(cipher.Decrypt(stored, new PayloadField(table, group.Key.ProjectId, id, field))) is { } text)
                    {
                        texts[key] = text;
                    }
                }
            }
        }

        return texts;
    }

    [LoggerMessage(LogLevel.Warning, "Catching up on shed evaluation texts failed; the texts of that batch stay unscored until they change")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception);
}
