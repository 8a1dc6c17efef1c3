using System.Threading.Channels;
using Lantern.Silo.Metrics.Instruments;

namespace Lantern.Silo.Streams;

/// <summary>
/// The single-node stream: a bounded channel. Publishing never waits; a full channel sheds the message, because the
/// producers are ingestion calls whose acknowledgement must not depend on how fast consumers are.
/// </summary>
public sealed class InMemoryStream<T> : IMessageStream<T>
{
    private readonly Channel<StreamEnvelope<T>> _channel;
    private readonly StreamMetrics _metrics;
    private readonly TimeProvider _time;

    public InMemoryStream(string name, int capacity, StreamMetrics metrics, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Name = name;
        _metrics = metrics;
        _time = time;
        _channel = Channel.CreateBounded<StreamEnvelope<T>>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public string Name { get; }

    public bool TryPublish(T message)
    {
        // With FullMode.Wait, TryWrite returns false instead of waiting when the channel is full.
        var queued = _channel.Writer.TryWrite(new StreamEnvelope<T>(message, _time.GetTimestamp()));
        _metrics.QueueDepth(Name, _channel.Reader.Count);
        return queued;
    }

    public async ValueTask<IReadOnlyList<T>> ReadBatchAsync(int maxCount, CancellationToken cancellationToken)
    {
        var batch = new List<T>(Math.Min(maxCount, 256));
        if (!await _channel.Reader.WaitToReadAsync(cancellationToken))
        {
            return batch;
        }

        long? oldest = null;
        while (batch.Count < maxCount && _channel.Reader.TryRead(out var envelope))
        {
            oldest ??= envelope.EnqueuedTimestamp;
            batch.Add(envelope.Message);
        }

        if (oldest is { } enqueued)
        {
            _metrics.Lag(Name, _time.GetElapsedTime(enqueued));
        }

        _metrics.QueueDepth(Name, _channel.Reader.Count);
        return batch;
    }
}
