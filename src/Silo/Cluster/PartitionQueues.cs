namespace Lantern.Silo.Cluster;

/// <summary>
/// Names of the durable per-partition queues: the API sends to them, the partition's owner consumes them. The cluster's
/// name prefixes them, so that clusters sharing a broker (and virtual host) never consume each other's messages.
/// </summary>
public static class PartitionQueues
{
    public static string Name(string cluster, int partition) => $"{cluster}-partition-{partition:D4}";

    public static Uri Address(string cluster, int partition) => new($"queue:{Name(cluster, partition)}");
}
