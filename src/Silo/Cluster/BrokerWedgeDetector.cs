namespace Lantern.Silo.Cluster;

/// <summary>
/// Tells a node whose connection to the broker is wedged from a broker that is down. Every send reports whether the
/// broker confirmed it; while sends fail, the watchdog probes the broker with a fresh connection of its own. Sends that
/// keep failing for <see cref="ClusterOptions.WedgeWindow"/> while every probe is confirmed mean the broker is fine and
/// this process is not: it is reported not live, so that its supervisor restarts it.
/// </summary>
/// <remarks>
/// Seen in CI: after a broker restart with sends in flight, MassTransit 8.4 kept the dead connection, never tried another
/// and failed every send until the process was restarted (docs/cluster.md). A broker that is down, unreachable or
/// blocking publishers fails the probe too, and then nothing changes: a new process would fare no better.
/// </remarks>
public sealed class BrokerWedgeDetector(ClusterOptions options, TimeProvider time)
{
    private long _lastConfirmed;
    private long _lastFailed;
    private DateTimeOffset? _brokerAnsweringSince;
    private volatile string? _wedged;

    /// <summary>Why this process should be restarted, or null while it is not wedged.</summary>
    public string? Wedged => _wedged;

    // The last send failed (none confirmed since).
    private bool Failing => Volatile.Read(ref _lastFailed) > Volatile.Read(ref _lastConfirmed);

    public void SendConfirmed() => Volatile.Write(ref _lastConfirmed, time.GetUtcNow().UtcTicks);

    public void SendFailed() => Volatile.Write(ref _lastFailed, time.GetUtcNow().UtcTicks);

    /// <summary>
    /// The watchdog's step, every few seconds: while sends fail, probes the broker and counts how long it has answered;
    /// otherwise (or when the broker does not answer) starts the count again.
    /// </summary>
    public async Task CheckAsync(Func<Task<bool>> probeConfirms)
    {
        if (!Failing || !await probeConfirms())
        {
            _brokerAnsweringSince = null;
            _wedged = null;
            return;
        }

        var now = time.GetUtcNow();
        // A send confirmed since the broker was first seen answering starts the count again.
        if (_brokerAnsweringSince is not { } since || Volatile.Read(ref _lastConfirmed) >= since.UtcTicks)
        {
            since = now;
            _brokerAnsweringSince = since;
        }

        // Sends must still be failing at the end, not merely have failed once just after the broker came back.
        var lastFailed = new DateTimeOffset(Volatile.Read(ref _lastFailed), TimeSpan.Zero);
        if (now - since >= options.WedgeWindow && lastFailed >= now - options.WedgeWindow / 2)
        {
            _wedged = $"Sends to the broker have failed for {(now - since).TotalSeconds:F0} s while it confirms a fresh connection's messages: " +
                "this process's connection to it is wedged and it must be restarted";
        }
    }
}
