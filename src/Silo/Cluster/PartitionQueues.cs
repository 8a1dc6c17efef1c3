namespace Lantern.Silo.Cluster;

/// <summary>Names of the durable per-partition queues: the API sends to them, the partition's owner consumes them.</summary>
public static class PartitionQueues
{
    public static string Name(int partition) => $"lantern-partition-{partition:D4}";

    public static Uri Address(int partition) => new($"queue:{Name(partition)}");
}
