namespace Lantern.Silo.Cluster;

/// <summary>
/// What a probe of the broker found: whether it confirmed the probe's message, and which of the queues this process
/// consumes have no consumer at the broker (or do not exist).
/// </summary>
public sealed record BrokerProbeResult(bool Confirmed, IReadOnlyList<string> WithoutConsumer)
{
    public static readonly BrokerProbeResult Unanswered = new(false, []);
}
