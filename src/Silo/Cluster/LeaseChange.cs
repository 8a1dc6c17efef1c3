namespace Lantern.Silo.Cluster;

/// <summary>What one rebalance changed for this silo: partitions it now holds (with their fencing numbers) or ones it lost.</summary>
public sealed record LeaseChange(IReadOnlyDictionary<int, long> Acquired, IReadOnlyList<int> Lost);
