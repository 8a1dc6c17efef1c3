using System.Collections.Concurrent;
using System.Diagnostics;
using Lantern.Contracts.Ingestion;
using Lantern.Grains.Pii;
using Lantern.Silo.Metrics.Instruments;
using Lantern.Silo.Pii;
using Lantern.Silo.Streams;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Evaluators;

/// <summary>
/// The stateless evaluator worker: drains the evaluation stream in batches, skips texts it has already scored, runs
/// every evaluator over the batch in one ONNX call each, counts PII, tags traces with a flagged text, and writes the scores back through ingestion.
/// </summary>
internal sealed partial class EvaluationWorker(
    IMessageStream<EvaluationRequest> stream,
    EvaluatorSet evaluators,
    EvaluatorThresholdStore thresholds,
    PiiPolicyStore piiPolicies,
    IEvaluationScoreSink sink,
    EvaluatorMetrics metrics,
    IOptions<EvaluatorOptions> options,
    TimeProvider time,
    ILogger<EvaluationWorker> logger) : BackgroundService
{
    private const int RememberedTexts = 100_000;

    // Score writes wait for a group commit (tens to hundreds of milliseconds under load): waiting for each before scoring
    // the next batch held the worker to one batch per commit, and it shed most texts at a few thousand events per second.
    // A few writes in flight keep the committer fed while scoring goes on, and still bound what is held in memory.
    private const int MaxWritesInFlight = 4;

    // Score id → hash of the text it was computed from: an unchanged text (a trace updated elsewhere) is not rescored.
    private readonly ConcurrentDictionary<string, string> _scored = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!evaluators.Enabled)
        {
            return;
        }

        var writes = new List<Task>(MaxWritesInFlight);
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<EvaluationRequest> batch;
            try
            {
                batch = await stream.ReadBatchAsync(options.Value.BatchSize, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                if (writes.Count == MaxWritesInFlight)
                {
                    await Task.WhenAny(writes);
                    writes.RemoveAll(w => w.IsCompleted);
                }

                writes.Add(await EvaluateAsync(batch, stoppingToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogBatchFailed(logger, exception, batch.Count);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(writes);
    }

    /// <summary>Scores the batch; the task returned is the write of its scores, already started.</summary>
    private async Task<Task> EvaluateAsync(IReadOnlyList<EvaluationRequest> batch, CancellationToken cancellationToken)
    {
        var fresh = batch
            .Where(r => !_scored.TryGetValue(Key(r), out var hash) || hash != r.TextHash)
            .DistinctBy(Key)
            .ToList();
        if (fresh.Count == 0)
        {
            return Task.CompletedTask;
        }

        var maxLength = options.Value.MaxTextLength;
        var texts = fresh.Select(r => r.Text.Length > maxLength ? r.Text[..maxLength] : r.Text).ToList();
        var events = new Dictionary<string, List<IngestionEvent>>(StringComparer.Ordinal);
        var flaggedTraces = new HashSet<(string ProjectId, string TraceId)>();
        var now = time.GetUtcNow();
        var ofProject = new Dictionary<string, IReadOnlyList<Evaluator>>(StringComparer.Ordinal);
        foreach (var projectId in fresh.Select(r => r.ProjectId).Distinct())
        {
            ofProject[projectId] = await thresholds.ForProjectAsync(projectId, evaluators.Evaluators, cancellationToken);
        }

        for (var e = 0; e < evaluators.Evaluators.Count; e++)
        {
            var evaluator = evaluators.Evaluators[e];
            var started = Stopwatch.GetTimestamp();
            var probabilities = evaluator.Classifier.ScoreBatch(texts);
            var perText = Stopwatch.GetElapsedTime(started) / texts.Count;
            for (var i = 0; i < fresh.Count; i++)
            {
                // The same model, judged against the project's own threshold when it set one.
                var judged = ofProject[fresh[i].ProjectId][e];
                var verdict = judged.Verdict(probabilities[i]);
                metrics.Scored(evaluator.Name, perText);
                metrics.Verdict(fresh[i].ProjectId, evaluator.Name, verdict);
                Add(events, fresh[i].ProjectId, EvaluationScore.Create(fresh[i], judged, probabilities[i], now));
                if (verdict == Evaluator.Flagged)
                {
                    flaggedTraces.Add((fresh[i].ProjectId, fresh[i].TraceId));
                }
            }
        }

        for (var i = 0; i < fresh.Count; i++)
        {
            var lists = (await piiPolicies.GetAsync(fresh[i].ProjectId, cancellationToken)).Lists;
            var started = Stopwatch.GetTimestamp();
            var counts = PiiCount.Of(texts[i], lists);
            metrics.Scored(EvaluationScore.Pii, Stopwatch.GetElapsedTime(started));
            metrics.Verdict(fresh[i].ProjectId, EvaluationScore.Pii, counts.Count > 0 ? "found" : "none");
            Add(events, fresh[i].ProjectId, EvaluationScore.CreatePii(fresh[i], counts, now));
        }

        foreach (var (projectId, traceId) in flaggedTraces)
        {
            Add(events, projectId, SecurityFlag.Event(projectId, traceId, now));
        }

        return WriteAsync(events, fresh, cancellationToken);
    }

    private async Task WriteAsync(Dictionary<string, List<IngestionEvent>> events, List<EvaluationRequest> fresh, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var (projectId, projectEvents) in events)
            {
                await sink.WriteAsync(projectId, projectEvents, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A failed batch is lost, not retried forever: the next change to those texts scores them again.
            LogBatchFailed(logger, exception, fresh.Count);
            return;
        }

        if (_scored.Count > RememberedTexts)
        {
            _scored.Clear();
        }

        foreach (var request in fresh)
        {
            _scored[Key(request)] = request.TextHash;
        }
    }

    private static void Add(Dictionary<string, List<IngestionEvent>> events, string projectId, IngestionEvent @event)
    {
        if (!events.TryGetValue(projectId, out var list))
        {
            events[projectId] = list = [];
        }

        list.Add(@event);
    }

    private static string Key(EvaluationRequest request) => $"{request.ProjectId}\n{request.TraceId}\n{request.ObservationId}\n{request.Field}";

    [LoggerMessage(LogLevel.Error, "Scoring a batch of {Count} texts failed; they stay unscored until they change")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
