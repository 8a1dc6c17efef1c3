using System.Threading.Channels;
using Lantern.Silo.Evaluators;

namespace Lantern.Silo.Cluster;

/// <summary>
/// The bounded hand-over between the evaluation queue's consumer and this silo's evaluation worker (its one reader). A
/// delivery's consumer waits until the worker has taken every request of it, and only then is the broker message
/// acknowledged: what a crashed silo had received but not taken goes back to the queue, and to another silo.
/// </summary>
public sealed class EvaluationInbox
{
    private readonly Channel<Delivery> _deliveries = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(EvaluationQueue.Prefetch)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private readonly CancellationTokenSource _closing = new();
    private Delivery? _current;
    private int _offset;
    private int _waiting;

    /// <summary>Requests received and not yet taken by the worker.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Returns once the worker has taken all of <paramref name="requests"/>; throws when cancelled or closed first.</summary>
    public async Task DeliverAsync(IReadOnlyList<EvaluationRequest> requests, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        if (requests.Count == 0)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        var delivery = new Delivery(requests, sentAt);
        Interlocked.Add(ref _waiting, requests.Count);
        try
        {
            await _deliveries.Writer.WriteAsync(delivery, stop.Token);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Add(ref _waiting, -requests.Count);
            throw;
        }

        try
        {
            await delivery.Taken.Task.WaitAsync(stop.Token);
        }
        catch (OperationCanceledException) when (!delivery.Taken.Task.IsCompletedSuccessfully)
        {
            // Withdrawn before the worker took all of it: the message goes back to the queue, and the worker skips what
            // it had not taken. What it had taken is scored here and again elsewhere, which replaces scores with equal ones.
            // (Taken in the same instant: then the message is acknowledged after all.)
            if (delivery.Taken.TrySetCanceled(stop.Token))
            {
                throw;
            }
        }
    }

    /// <summary>Withdraws every delivery the worker has not taken (the silo stops): their messages go back to the queue.</summary>
    public void Close() => _closing.Cancel();

    /// <summary>Waits for a delivery, then returns up to <paramref name="maxCount"/> requests that are already here, and the oldest one's send time.</summary>
    public async ValueTask<(List<EvaluationRequest> Batch, DateTimeOffset? OldestSentAt)> ReadBatchAsync(int maxCount, CancellationToken cancellationToken)
    {
        var batch = new List<EvaluationRequest>(Math.Min(maxCount, 256));
        DateTimeOffset? oldest = null;
        while (batch.Count == 0)
        {
            if (_current is null && !await _deliveries.Reader.WaitToReadAsync(cancellationToken))
            {
                return (batch, oldest);
            }

            TakeInto(batch, maxCount, ref oldest);
        }

        return (batch, oldest);
    }

    private void TakeInto(List<EvaluationRequest> batch, int maxCount, ref DateTimeOffset? oldest)
    {
        while (batch.Count < maxCount && (_current is not null || NextDelivery()))
        {
            var delivery = _current!;
            if (delivery.Taken.Task.IsCanceled)
            {
                Interlocked.Add(ref _waiting, -(delivery.Requests.Count - _offset));
                _current = null;
                continue;
            }

            var count = Math.Min(maxCount - batch.Count, delivery.Requests.Count - _offset);
            for (var i = 0; i < count; i++)
            {
                batch.Add(delivery.Requests[_offset + i]);
            }

            _offset += count;
            Interlocked.Add(ref _waiting, -count);
            oldest = oldest is { } sent && sent < delivery.SentAt ? sent : delivery.SentAt;
            if (_offset == delivery.Requests.Count)
            {
                delivery.Taken.TrySetResult();
                _current = null;
            }
        }
    }

    private bool NextDelivery()
    {
        if (!_deliveries.Reader.TryRead(out var delivery))
        {
            return false;
        }

        // A withdrawn one is dropped by the caller: it is back in the broker's queue already.
        (_current, _offset) = (delivery, 0);
        return true;
    }

    private sealed class Delivery(IReadOnlyList<EvaluationRequest> requests, DateTimeOffset sentAt)
    {
        public IReadOnlyList<EvaluationRequest> Requests { get; } = requests;

        public DateTimeOffset SentAt { get; } = sentAt;

        public TaskCompletionSource Taken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
