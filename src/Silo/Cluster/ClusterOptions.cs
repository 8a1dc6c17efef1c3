namespace Lantern.Silo.Cluster;

/// <summary>
/// How a silo takes part in a cluster: its identity, the partition count every silo must agree on, and how fast a
/// silo that stops heartbeating loses its partitions.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>The broker the cluster's messages travel through (<c>LANTERN_RABBITMQ_URL</c>); empty on a single node.</summary>
    public string RabbitMqUrl { get; set; } = "";

    /// <summary>What this process runs (<c>LANTERN_ROLE</c>): the API, a silo, or both (the default).</summary>
    public ClusterRole Role { get; set; } = ClusterRole.All;

    /// <summary>How long the API waits for the broker to confirm a batch before answering 503.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long this process's sends may fail while the broker answers the watchdog's own probe before the process
    /// reports itself not live, to be restarted (<c>LANTERN_BROKER_WEDGE_SECONDS</c>; zero turns the watchdog off); its
    /// consumed queues may lack their consumers for twice this. Senders reconnect within seconds of a broker's return;
    /// consumers were seen to lag up to about 30 s on a busy machine.
    /// </summary>
    public TimeSpan WedgeWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a deletion that waits for its owner (score deletion, user erasure, retention) waits for the owner's answer
    /// (<c>LANTERN_CLUSTER_DELETE_TIMEOUT_SECONDS</c>) before it is answered 503. It covers the events queued before it.
    /// </summary>
    public TimeSpan DeletionTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The cluster's name (<c>LANTERN_CLUSTER_NAME</c>), prefixing its queues: every process of one cluster uses the same,
    /// clusters sharing a broker use different ones.
    /// </summary>
    public string Name { get; set; } = "lantern";

    /// <summary>This silo's name in the membership table; unique per process.</summary>
    public string SiloId { get; set; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>The fixed number of partitions keys hash to (<c>LANTERN_PARTITIONS</c>); the same on every silo.</summary>
    public int Partitions { get; set; } = 64;

    /// <summary>How often a silo heartbeats and rebalances.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A silo whose last heartbeat is older than this is dead and its partitions are taken over.</summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
