using System.Collections.Concurrent;
using Lantern.Silo.Cluster;
using Lantern.Tests.Infrastructure;
using MassTransit;

namespace Lantern.Tests.Cluster;

/// <summary>
/// A partition queue's backlog, taken by a consumer that joins late, applies each key's messages in the order they were
/// sent, even when some fail a few times and are retried: the retried message keeps its key until it succeeded. Keys
/// still run side by side. (A trace's deletion that failed once used to be overtaken by the trace's next event, which it
/// then deleted.)
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class PartitionDeliveryOrderTests(RabbitMqBroker broker)
{
    private const int Keys = 6;
    private const int PerKey = 8;

    [Fact]
    public async Task A_key_s_messages_apply_in_the_order_sent_with_retries_in_place()
    {
        var cancel = TestContext.Current.CancellationToken;
        var queue = $"order-test-{Guid.NewGuid():N}";
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(broker.Url), host => host.PublisherConfirmation = true);
            rabbit.ConfigureSend(send => send.UseExecute(PartitionDeliveryOrder.StampKey));
        });
        await bus.StartAsync(cancel);
        try
        {
            // Every key's 1st and 5th message fail twice, then succeed: without retries in place the next one overtakes them.
            var sender = await bus.GetSendEndpoint(new Uri($"queue:{queue}"));
            for (var sequence = 0; sequence < PerKey; sequence++)
            {
                for (var key = 0; key < Keys; key++)
                {
                    await sender.Send(new OrderProbe($"key-{key}", sequence, sequence % 4 == 0 ? 2 : 0), cancel);
                }
            }

            var attempts = new ConcurrentDictionary<(string, int), int>();
            var applied = new ConcurrentQueue<(string Key, int Sequence)>();
            var running = new ConcurrentDictionary<string, int>();
            var overlaps = 0;
            var handle = bus.ConnectReceiveEndpoint(queue, endpoint =>
            {
                PartitionConsumers.ConfigureOrderedDelivery(endpoint);
                endpoint.Handler<OrderProbe>(async context =>
                {
                    var probe = context.Message;
                    if (running.AddOrUpdate(probe.Key, 1, (_, n) => n + 1) > 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    try
                    {
                        await Task.Delay(5, cancel);
                        if (attempts.AddOrUpdate((probe.Key, probe.Sequence), 1, (_, n) => n + 1) <= probe.FailedAttempts)
                        {
                            throw new InvalidOperationException($"attempt of {probe.Key} #{probe.Sequence} fails on purpose");
                        }

                        applied.Enqueue((probe.Key, probe.Sequence));
                    }
                    finally
                    {
                        running.AddOrUpdate(probe.Key, 0, (_, n) => n - 1);
                    }
                });
            });
            await handle.Ready;

            await Eventually.TrueAsync(() => applied.Count >= Keys * PerKey, "every message applied", TimeSpan.FromSeconds(60));
            await handle.StopAsync(cancel);

            Assert.Equal(0, overlaps);
            Assert.Equal(Keys * PerKey, applied.Count);
            foreach (var key in Enumerable.Range(0, Keys).Select(k => $"key-{k}"))
            {
                Assert.Equal(Enumerable.Range(0, PerKey), applied.Where(a => a.Key == key).Select(a => a.Sequence));
            }

            // The failed attempts were retried, not requeued and seen again as new deliveries.
            Assert.All(attempts, a => Assert.Equal(a.Key.Item2 % 4 == 0 ? 3 : 1, a.Value));
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }
}
