namespace Lantern.Silo.Cluster;

/// <summary>Gives the lease a write of a key is made under; null when writes need no fence (a single node owns everything).</summary>
public interface IWriteFencing
{
    /// <exception cref="PartitionLeaseLostException">This silo does not hold the key's partition.</exception>
    WriteFence? FenceFor(string partitionKey);
}
