using Lantern.Silo.Cluster;

namespace Lantern.Tests.Cluster;

/// <summary>A message of <see cref="PartitionDeliveryOrderTests"/>: the <paramref name="Sequence"/>th of its key, failing its first attempts.</summary>
public sealed record OrderProbe(string Key, int Sequence, int FailedAttempts) : IOrderedPartitionMessage
{
    public string OrderKey => Key;
}
