namespace Lantern.Silo.Streams;

/// <summary>
/// A bounded, non-blocking queue of messages between producers (grains) and batching consumers. The in-memory transport
/// serves a single node; in a cluster the evaluation stream is BrokerEvaluationStream (RabbitMQ, src/Silo/Cluster).
/// </summary>
public interface IMessageStream<T>
{
    /// <summary>The stream's name, the <c>stream</c> label of its metrics.</summary>
    string Name { get; }

    /// <summary>Queues a message without waiting; false when the stream is full and the message was shed.</summary>
    bool TryPublish(T message);

    /// <summary>Waits for at least one message, then returns up to <paramref name="maxCount"/> that are already queued.</summary>
    ValueTask<IReadOnlyList<T>> ReadBatchAsync(int maxCount, CancellationToken cancellationToken);
}
