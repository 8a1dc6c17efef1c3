using Lantern.Silo.Cluster;
using MassTransit;
using RabbitMQ.Client;

namespace Lantern.Tests.Cluster;

[Collection(BrokerCollection.Name)]
public sealed class BrokerHandshakeGuardTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_peer_that_accepts_and_never_answers_fails_the_connection_attempt_within_the_clients_timeouts()
    {
        await using var silent = new SilentPeer(0);
        var factory = new ConnectionFactory
        {
            HostName = "127.0.0.1", Port = silent.Port, RequestedConnectionTimeout = Timeout, HandshakeContinuationTimeout = Timeout,
        };

        // Without the guard's deadline this attempt waits for ever; a regression fails here instead of hanging the suite.
        var failure = await Assert.ThrowsAsync<RabbitMqConnectionException>(
            () => BrokerHandshakeGuard.EnsureAnswersAsync(factory).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("did not complete the AMQP handshake within 2 s", failure.Message);
        Assert.True(silent.Held > 0, "the attempt reached the silent peer");
    }

    [Fact]
    public async Task A_broker_that_answers_lets_the_attempt_go_on_and_one_that_refuses_fails_it()
    {
        await BrokerHandshakeGuard.EnsureAnswersAsync(new ConnectionFactory { Uri = new Uri(broker.Url) });

        await using var silent = new SilentPeer(0);
        var closedPort = silent.Port;
        await silent.StopListeningAsync();
        var refused = new ConnectionFactory { HostName = "127.0.0.1", Port = closedPort };
        var failure = await Assert.ThrowsAsync<RabbitMqConnectionException>(() => BrokerHandshakeGuard.EnsureAnswersAsync(refused));
        Assert.Contains("refused the connection", failure.Message);
    }
}
