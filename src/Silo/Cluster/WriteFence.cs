namespace Lantern.Silo.Cluster;

/// <summary>The lease a write is made under: the silo, the partition of the written key and the lease's fencing number.</summary>
public sealed record WriteFence(string SiloId, int Partition, long Fencing);
