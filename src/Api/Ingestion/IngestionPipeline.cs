using Lantern.Contracts.Ingestion;
using Lantern.Contracts.Runtime;
using Lantern.Contracts.Traces;

namespace Lantern.Api.Ingestion;

/// <summary>
/// The single node's write path without a journal: a batch prepared by <see cref="IngestionPreparation"/> goes to its
/// trace and score grains, all at once, and each event is reported as stored (201), invalid (400) or failed (500). Grains
/// return only after their rows are committed, so a success is durable.
/// </summary>
public sealed partial class IngestionPipeline(
    IGrainFactory grains, IngestionPreparation preparation, IngestionMetrics metrics, ILogger<IngestionPipeline> logger)
    : IIngestionPipeline
{
    public async Task<IngestionResponse> IngestAsync(string projectId, IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken)
    {
        var (stored, rejected, routes) = await preparation.PrepareAsync(projectId, events, cancellationToken);
        var calls = new List<(IReadOnlyList<IngestionEvent> Events, Task Call)>(routes.Traces.Count + routes.Scores.Count);
        foreach (var (traceId, traceEvents) in routes.Traces)
        {
            calls.Add((traceEvents, Call(() => grains.GetGrain<ITraceGrain>($"{projectId}/{traceId}").ApplyAsync(traceEvents))));
        }

        foreach (var (scoreId, scoreEvents) in routes.Scores)
        {
            calls.Add((scoreEvents, Call(() => grains.GetGrain<IScoreGrain>($"{projectId}/{scoreId}").ApplyAsync(scoreEvents))));
        }

        var response = new IngestionResponse(new List<IngestionSuccess>(stored.Count), rejected);
        var (succeeded, failed) = (new List<IngestionEvent>(stored.Count), new List<IngestionEvent>());
        Succeed(routes.Unstored, response, succeeded);
        foreach (var (callEvents, call) in calls)
        {
            try
            {
                await call;
                Succeed(callEvents, response, succeeded);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogStoreFailed(logger, exception, projectId, callEvents.Count);
                foreach (var @event in callEvents)
                {
                    response.Errors.Add(new IngestionError(@event.EventId, StatusCodes.Status500InternalServerError, null, "Internal Server Error"));
                }

                failed.AddRange(callEvents);
            }
        }

        metrics.Events(projectId, succeeded, "stored");
        metrics.Events(projectId, failed, "failed");
        return response;
    }

    private static void Succeed(IReadOnlyList<IngestionEvent> stored, IngestionResponse response, List<IngestionEvent> succeeded)
    {
        foreach (var @event in stored)
        {
            response.Successes.Add(new IngestionSuccess(@event.EventId, StatusCodes.Status201Created));
        }

        succeeded.AddRange(stored);
    }

    // A grain call that throws synchronously still becomes a failed task, so one bad trace cannot fail the batch.
    private static async Task Call(Func<Task> call) => await call();

    [LoggerMessage(LogLevel.Error, "Storing {Count} events of project {ProjectId} failed; they are reported as 500 and the SDK will resend them")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string projectId, int count);
}
