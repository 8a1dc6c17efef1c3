using MassTransit;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Applies one partition queue's messages for the same grain key in the order the broker delivered them, while messages
/// for different keys still run concurrently. The transport hands deliveries to the consume pipe concurrently and in no
/// fixed order, so without this an event sent right after a trace's deletion could reach the grain first and be deleted
/// with it.
/// </summary>
/// <remarks>
/// RabbitMQ numbers a channel's deliveries 1, 2, 3… in queue order (the delivery tag), and every delivery of the queue
/// passes this filter. A delivery is admitted only after the one before it on its channel, and admission appends it to
/// its key's chain; a delivery then runs when the previous one of its key finished. The endpoint's message retry sits
/// inside this filter (MassTransit adds it to each message type's pipe), so a failing message is not overtaken by the
/// next one of its key while it is retried. A message that still fails goes back to the queue behind the key's later
/// messages; that usually means the lease is gone, and then those fail the same way and follow it back. A
/// delivery that never reaches the pipe (it could not be read) would hold its successors up: they wait
/// <see cref="GapTimeout"/> for it, then go on.
/// </remarks>
public sealed class PartitionDeliveryOrder : IFilter<ConsumeContext>
{
    /// <summary>How long a delivery waits for an earlier one that never arrives before it goes on without it.</summary>
    public static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, ChannelTurns> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        var key = KeyOf(context);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var previous = await AdmitAsync(context, key, done.Task);
        try
        {
            await previous;
            await next.Send(context);
        }
        finally
        {
            done.SetResult();
            lock (_lock)
            {
                if (key is not null && _tails.TryGetValue(key, out var tail) && tail == done.Task)
                {
                    _tails.Remove(key);
                }
            }
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("partitionDeliveryOrder");

    // Waits for the channel's earlier deliveries to be admitted, then appends this one to its key's chain.
    private async Task<Task> AdmitAsync(ConsumeContext context, string? key, Task done)
    {
        context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivery);
        Task? turn = null;
        ChannelTurns? channel = null;
        lock (_lock)
        {
            if (delivery is not null)
            {
                if (!_channels.TryGetValue(delivery.ConsumerTag, out channel))
                {
                    channel = new ChannelTurns();
                    _channels[delivery.ConsumerTag] = channel;
                }

                turn = channel.Wait(delivery.DeliveryTag);
            }
        }

        if (turn is not null)
        {
            await Task.WhenAny(turn, Task.Delay(GapTimeout, context.CancellationToken));
        }

        lock (_lock)
        {
            var previous = key is not null && _tails.TryGetValue(key, out var tail) ? tail : Task.CompletedTask;
            if (key is not null)
            {
                _tails[key] = done;
            }

            channel?.Admit(delivery!.DeliveryTag);
            return previous;
        }
    }

    private static string? KeyOf(ConsumeContext context) =>
        context.TryGetMessage<PartitionBatch>(out var batch) ? batch.Message.GrainKey
        : context.TryGetMessage<PartitionTraceDeletion>(out var trace) ? trace.Message.GrainKey
        : context.TryGetMessage<PartitionScoreDeletion>(out var score) ? score.Message.GrainKey
        : context.TryGetMessage<PartitionRollupChanges>(out _) ? PartitionRollupChanges.OrderKey
        // Behind the rollup changes queued before it, so a late change cannot refill what the grain just forgot.
        : context.TryGetMessage<PartitionRollupForget>(out _) ? PartitionRollupChanges.OrderKey
        : null;
}
