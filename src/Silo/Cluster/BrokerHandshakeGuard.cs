using MassTransit;
using RabbitMQ.Client;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Before each of MassTransit's connection attempts, opens and closes one connection with the same settings within a
/// deadline, and fails the attempt if the broker does not answer in time.
/// </summary>
/// <remarks>
/// RabbitMQ.Client 7 bounds a connection's handshake only by the caller's cancellation token (its handshake timeout does
/// not apply to asynchronous reads), and MassTransit 8 passes none. A peer that accepts the socket and never answers (a
/// broker still starting or stuck, a proxy in front of one that is down) then holds MassTransit's one connection attempt
/// for ever, and every send and consumer waits behind it: the node answers 503 until it is restarted. A failed attempt
/// is retried on MassTransit's reconnect schedule instead, and the next one finds the broker once it answers.
/// </remarks>
public static class BrokerHandshakeGuard
{
    public static async Task EnsureAnswersAsync(ConnectionFactory factory)
    {
        // The deadlines the client means to honour itself: the socket's connect, then the AMQP handshake.
        var limit = factory.RequestedConnectionTimeout + factory.HandshakeContinuationTimeout;
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await using var connection = await factory.CreateConnectionAsync(deadline.Token);
            await connection.CloseAsync(deadline.Token);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // MassTransit retries a connection exception on its reconnect schedule, for senders and consumers alike.
            var what = deadline.IsCancellationRequested ? $"did not complete the AMQP handshake within {limit.TotalSeconds:F0} s" : "refused the connection";
            throw new RabbitMqConnectionException($"The broker at {factory.Endpoint} {what}.", failure);
        }
    }
}
