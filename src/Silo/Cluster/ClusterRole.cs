namespace Lantern.Silo.Cluster;

/// <summary>What a Lantern process runs in a cluster: the stateless API, a silo that owns partitions, or both.</summary>
public enum ClusterRole
{
    /// <summary>API and silo in one process (single node, or a small cluster of identical nodes).</summary>
    All,

    /// <summary>Ingestion and queries only: events go to the broker, no partitions are held.</summary>
    Api,

    /// <summary>Holds partitions and consumes their queues.</summary>
    Silo,
}
