namespace Lantern.Silo.Cluster;

/// <summary>
/// Tells a process whose connection to the broker is wedged from a broker that is down. Every send reports whether the
/// broker confirmed it. While sends fail, or while the process consumes queues, the watchdog probes the broker over a
/// connection of its own. The process is wedged when, while every probe is confirmed, its sends keep failing for
/// <see cref="ClusterOptions.WedgeWindow"/>, or a queue it consumes has no consumer at the broker for twice that (a
/// consumer reconnects on a slower schedule than a sender). It is then reported not live, so that its supervisor
/// restarts it.
/// </summary>
/// <remarks>
/// Seen in CI: after a broker restart with sends in flight, MassTransit 8.4 kept the dead connection, never tried another,
/// failed every send and consumed nothing until the process was restarted (docs/cluster.md). A dedicated silo sends only
/// what it consumed, so only the consumers show it there. A broker that is down, unreachable or blocking publishers
/// fails the probe, and then nothing changes: a new process would fare no better.
/// </remarks>
public sealed class BrokerWedgeDetector(ClusterOptions options, TimeProvider time)
{
    private long _lastConfirmed;
    private long _lastFailed;
    private DateTimeOffset? _sendsFailingSince;
    private DateTimeOffset? _consumersMissingSince;
    private volatile string? _wedged;

    /// <summary>Why this process should be restarted, or null while it is not wedged.</summary>
    public string? Wedged => _wedged;

    // The last send failed (none confirmed since).
    private bool Failing => Volatile.Read(ref _lastFailed) > Volatile.Read(ref _lastConfirmed);

    public void SendConfirmed() => Volatile.Write(ref _lastConfirmed, time.GetUtcNow().UtcTicks);

    public void SendFailed() => Volatile.Write(ref _lastFailed, time.GetUtcNow().UtcTicks);

    /// <summary>
    /// The watchdog's step, every few seconds: probes the broker while sends fail or queues are consumed, and counts how
    /// long the broker has answered while sends failed or consumers were missing.
    /// </summary>
    public async Task CheckAsync(IReadOnlyCollection<string> consumedQueues, Func<IReadOnlyCollection<string>, Task<BrokerProbeResult>> probe)
    {
        var failing = Failing;
        var result = failing || consumedQueues.Count > 0 ? await probe(consumedQueues) : BrokerProbeResult.Unanswered;
        if (!result.Confirmed)
        {
            _sendsFailingSince = null;
            _consumersMissingSince = null;
            _wedged = null;
            return;
        }

        var now = time.GetUtcNow();
        _wedged = SendsWedged(failing, now) ?? ConsumersWedged(result.WithoutConsumer, now);
    }

    private string? SendsWedged(bool failing, DateTimeOffset now)
    {
        // A send confirmed since the broker was first seen answering starts the count again.
        if (!failing || _sendsFailingSince is not { } since || Volatile.Read(ref _lastConfirmed) >= since.UtcTicks)
        {
            _sendsFailingSince = failing ? now : null;
            return null;
        }

        // Sends must still be failing at the end, not merely have failed once just after the broker came back.
        var lastFailed = new DateTimeOffset(Volatile.Read(ref _lastFailed), TimeSpan.Zero);
        return now - since >= options.WedgeWindow && lastFailed >= now - options.WedgeWindow / 2
            ? $"Sends to the broker have failed for {(now - since).TotalSeconds:F0} s while it answers the watchdog's own connection: " +
              "this process's connection to it is wedged and it must be restarted"
            : null;
    }

    private string? ConsumersWedged(IReadOnlyList<string> withoutConsumer, DateTimeOffset now)
    {
        if (withoutConsumer.Count == 0)
        {
            _consumersMissingSince = null;
            return null;
        }

        var since = _consumersMissingSince ??= now;
        return now - since >= 2 * options.WedgeWindow
            ? $"The broker has seen no consumer on {withoutConsumer.Count} of this process's queues (such as {withoutConsumer[0]}) for " +
              $"{(now - since).TotalSeconds:F0} s while it answers the watchdog's own connection: this process's connection to it is wedged and it must be restarted"
            : null;
    }
}
