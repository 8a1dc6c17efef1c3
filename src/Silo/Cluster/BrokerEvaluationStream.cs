using System.Threading.Channels;
using Lantern.Silo.Evaluators;
using Lantern.Silo.Metrics.Instruments;
using Lantern.Silo.Streams;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Cluster;

/// <summary>
/// The evaluation stream of a cluster silo. Publishing queues the text locally and returns at once; a sender gathers
/// what arrives within a few milliseconds (up to <c>LANTERN_EVALUATOR_BATCH</c> texts) into one message to the shared
/// queue, with publisher confirms. Texts not yet confirmed are bounded by <c>LANTERN_EVALUATOR_QUEUE</c>: beyond it, and
/// for the texts of a send that fails, texts are shed and counted as on one node. Reading takes what the queue's
/// consumer received (<see cref="EvaluationInbox"/>), whichever silo committed it.
/// </summary>
public sealed partial class BrokerEvaluationStream(
    IBus bus,
    BrokerSends sends,
    ClusterOptions cluster,
    IOptions<EvaluatorOptions> options,
    EvaluationInbox inbox,
    EvaluatorSet evaluators,
    EvaluatorMetrics evaluatorMetrics,
    StreamMetrics metrics,
    TimeProvider time,
    ILogger<BrokerEvaluationStream> logger) : BackgroundService, IMessageStream<EvaluationRequest>
{
    // Long enough to gather a group commit's texts into one message, short against the time scoring and writing take.
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(5);

    // Not SingleReader, though it has one: the single-reader unbounded channel cannot count, and the sender needs the count.
    private readonly Channel<EvaluationRequest> _outgoing = Channel.CreateUnbounded<EvaluationRequest>();
    private int _unconfirmed;
    private int _failing;
    private long _lostWhileFailing;

    public string Name => EvaluatorServiceCollectionExtensions.StreamName;

    public bool TryPublish(EvaluationRequest message)
    {
        // Only the head is scored (EvaluationWorker cuts it the same way; the hash stays the whole text's): sending the
        // rest would only make messages large enough for the broker to refuse.
        var maxLength = options.Value.MaxTextLength;
        if (message.Text.Length > maxLength)
        {
            message = message with { Text = message.Text[..maxLength] };
        }

        if (Interlocked.Increment(ref _unconfirmed) > options.Value.QueueCapacity || !_outgoing.Writer.TryWrite(message))
        {
            Interlocked.Decrement(ref _unconfirmed);
            return false;
        }

        ReportDepth();
        return true;
    }

    public async ValueTask<IReadOnlyList<EvaluationRequest>> ReadBatchAsync(int maxCount, CancellationToken cancellationToken)
    {
        var (batch, oldestSentAt) = await inbox.ReadBatchAsync(maxCount, cancellationToken);
        if (oldestSentAt is { } sentAt)
        {
            // Measured from the sending silo's clock: time in the sender, the broker and the inbox.
            metrics.Lag(Name, time.GetUtcNow() - sentAt);
        }

        ReportDepth();
        return batch;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                if (reader.Count < options.Value.BatchSize)
                {
                    await Task.Delay(Linger, time, stoppingToken);
                }

                SendNext();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: send what is queued, then wait (up to the send timeout) for the confirms.
        }

        _outgoing.Writer.TryComplete();
        while (reader.Count > 0)
        {
            SendNext();
        }

        var started = time.GetTimestamp();
        while (Volatile.Read(ref _unconfirmed) > 0 && time.GetElapsedTime(started) < cluster.SendTimeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), time, CancellationToken.None);
        }
    }

    private void SendNext()
    {
        var batch = new List<EvaluationRequest>(Math.Min(options.Value.BatchSize, _outgoing.Reader.Count));
        while (batch.Count < options.Value.BatchSize && _outgoing.Reader.TryRead(out var request))
        {
            batch.Add(request);
        }

        if (batch.Count > 0)
        {
            // Not awaited: several batches may wait for their confirms at once; the bound on unconfirmed texts caps them.
            _ = SendAsync(batch);
        }
    }

    private async Task SendAsync(List<EvaluationRequest> batch)
    {
        try
        {
            await sends.RunAsync(async deadline => await (await bus.GetSendEndpoint(EvaluationQueue.Address(cluster.Name))).Send(new EvaluationBatch(batch), deadline));
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                LogSendingResumed(logger, Interlocked.Exchange(ref _lostWhileFailing, 0));
            }
        }
        catch (Exception exception)
        {
            Shed(batch.Count);
            Interlocked.Add(ref _lostWhileFailing, batch.Count);
            // One warning per failure burst: a broker outage would otherwise log every few milliseconds.
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                LogSendFailed(logger, exception, batch.Count);
            }
        }
        finally
        {
            Interlocked.Add(ref _unconfirmed, -batch.Count);
            ReportDepth();
        }
    }

    private void Shed(int texts)
    {
        foreach (var evaluator in evaluators.Evaluators)
        {
            for (var i = 0; i < texts; i++)
            {
                evaluatorMetrics.Shed(evaluator.Name);
            }
        }
    }

    /// <summary>What this silo holds: texts not yet confirmed by the broker, and texts received but not yet taken by its worker.</summary>
    private void ReportDepth() => metrics.QueueDepth(Name, Volatile.Read(ref _unconfirmed) + inbox.Waiting);

    [LoggerMessage(LogLevel.Warning,
        "Sending {Count} texts to the evaluation queue failed; they and the texts of further failing sends are shed (unscored until they change) until a send succeeds")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(LogLevel.Information, "Sending to the evaluation queue works again; {Count} texts were shed while it failed")]
    private static partial void LogSendingResumed(ILogger logger, long count);
}
