using MassTransit;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Hands a batch from the shared evaluation queue to this silo's evaluation worker and returns (acknowledging the message)
/// only once the worker has taken it; a silo that stops or crashes before leaves the message to another silo.
/// </summary>
public sealed class EvaluationBatchConsumer(EvaluationInbox inbox, TimeProvider time) : IConsumer<EvaluationBatch>
{
    public Task Consume(ConsumeContext<EvaluationBatch> context)
    {
        var sentAt = context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : time.GetUtcNow();
        return inbox.DeliverAsync(context.Message.Requests, sentAt, context.CancellationToken);
    }
}
