using Lantern.Silo.Cluster;
using Lantern.Tests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Lantern.Tests.Cluster;

[Collection(BrokerCollection.Name)]
public sealed class BrokerProbeTests(RabbitMqBroker broker)
{
    private readonly string _prefix = $"probe-test-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_healthy_broker_confirms_the_probe_and_names_the_consumed_queues_it_sees_no_consumer_on()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker.Url) }.CreateConnectionAsync(cancel);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancel);
        await channel.QueueDeclareAsync($"{_prefix}-consumed", durable: false, exclusive: false, autoDelete: true, cancellationToken: cancel);
        await channel.QueueDeclareAsync($"{_prefix}-idle", durable: false, exclusive: false, autoDelete: true, cancellationToken: cancel);
        await channel.BasicConsumeAsync($"{_prefix}-consumed", autoAck: true, new AsyncEventingBasicConsumer(channel), cancel);
        await using var probe = new BrokerProbe(new ClusterOptions { RabbitMqUrl = broker.Url, SiloId = "probe-test" });

        var result = await probe.RunAsync([$"{_prefix}-consumed", $"{_prefix}-missing", $"{_prefix}-idle"], cancel);

        Assert.True(result.Confirmed);
        Assert.Equal([$"{_prefix}-missing", $"{_prefix}-idle"], result.WithoutConsumer);
        // Its connection is kept, and still works after the broker closed a channel on the missing queue.
        Assert.Equal([$"{_prefix}-idle"], (await probe.RunAsync([$"{_prefix}-consumed", $"{_prefix}-idle"], cancel)).WithoutConsumer);
    }

    [Fact]
    public async Task A_broker_that_blocks_publishers_or_is_not_there_does_not_confirm_the_probe()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var nowhere = new BrokerProbe(new ClusterOptions { RabbitMqUrl = $"amqp://guest:guest@127.0.0.1:{Posix.FreePort()}/" });
        Assert.False((await nowhere.RunAsync([], cancel)).Confirmed);

        await using var probe = new BrokerProbe(new ClusterOptions { RabbitMqUrl = broker.Url });
        Assert.True((await probe.RunAsync([], cancel)).Confirmed);
        await broker.MemoryAlarmAsync(raised: true);
        try
        {
            Assert.False((await probe.RunAsync([], cancel)).Confirmed);
        }
        finally
        {
            // The broker is shared by the collection: never leave it blocked for the next test.
            await broker.MemoryAlarmAsync(raised: false);
        }

        Assert.True((await probe.RunAsync([], cancel)).Confirmed);
    }
}
