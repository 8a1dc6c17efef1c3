using System.Runtime.CompilerServices;
using MassTransit;
using MassTransit.RabbitMqTransport;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Applies one partition queue's messages with the same order key in the order the broker delivered them, while
/// messages with different keys still run concurrently. The transport hands deliveries to the pipe concurrently and in
/// no fixed order, so without this an event sent right after a trace's deletion could reach the grain first and be
/// deleted with it.
/// </summary>
/// <remarks>
/// A receive filter, outside deserialization and the message retry: a delivery holds its key until it is done, every
/// retry included. (As a consume filter it sat inside the retry, so a failed attempt let the key's next message overtake
/// the retried one.) RabbitMQ numbers a channel's deliveries 1, 2, 3… in queue order (the delivery tag). A delivery is
/// admitted only after the one before it on its channel, and admission appends it to its key's chain; it then runs when
/// the previous one of its key finished. Channels are told apart by their context, not the consumer tag, which the
/// transport may not know yet for the first deliveries. A message that still fails after its retries goes back to the
/// queue behind its key's later messages; that means the lease is gone or PostgreSQL fails, and then those fail the same
/// way and follow it back. A delivery that never reaches the pipe would hold its successors up: they wait
/// <see cref="GapTimeout"/> for it, then go on.
/// </remarks>
public sealed class PartitionDeliveryOrder : IFilter<ReceiveContext>
{
    /// <summary>The transport header that carries <see cref="IOrderedPartitionMessage.OrderKey"/>.</summary>
    public const string KeyHeader = "Lantern-Order-Key";

    /// <summary>How long a delivery waits for an earlier one that never arrives before it goes on without it.</summary>
    public static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly ConditionalWeakTable<ChannelContext, ChannelTurns> _channels = [];
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);

    /// <summary>Puts the order key of an <see cref="IOrderedPartitionMessage"/> on the header; for the bus's send pipe.</summary>
    public static void StampKey(SendContext context)
    {
        if (context is SendContext<IOrderedPartitionMessage> ordered)
        {
            context.Headers.Set(KeyHeader, ordered.Message.OrderKey);
        }
    }

    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        var key = context.TransportHeaders.Get<string>(KeyHeader);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await await AdmitAsync(context, key, done.Task);
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
    private async Task<Task> AdmitAsync(ReceiveContext context, string? key, Task done)
    {
        ChannelTurns? channel = null;
        ulong deliveryTag = 0;
        if (context.TryGetPayload<ChannelContext>(out var channelContext) && context.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivery))
        {
            channel = _channels.GetValue(channelContext, _ => new ChannelTurns());
            deliveryTag = delivery.DeliveryTag;
        }

        Task? turn;
        lock (_lock)
        {
            turn = channel?.Wait(deliveryTag);
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

            channel?.Admit(deliveryTag);
            return previous;
        }
    }
}
