namespace Lantern.Silo.Cluster;

/// <summary>
/// A message of a partition queue that must apply in the broker's order with the other messages of its
/// <see cref="OrderKey"/> (<see cref="PartitionDeliveryOrder"/>). Senders stamp the key on a transport header, so the
/// receiver orders deliveries before it reads them.
/// </summary>
public interface IOrderedPartitionMessage
{
    /// <summary>Messages with the same key apply one after another; different keys run concurrently.</summary>
    string OrderKey { get; }
}
