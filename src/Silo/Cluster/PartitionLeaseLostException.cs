namespace Lantern.Silo.Cluster;

/// <summary>
/// A write was refused because this silo no longer holds the lease of the key's partition (another silo took it over,
/// typically after this one stopped heartbeating). Nothing was stored; the new owner applies the events instead.
/// </summary>
public sealed class PartitionLeaseLostException(string siloId, int partition, long? fencing) : Exception(
    fencing is { } held
        ? $"Silo {siloId} no longer holds partition {partition}: its lease with fencing number {held} was taken over, so the write was rejected."
        : $"Silo {siloId} does not hold partition {partition}, so the write was rejected.")
{
    public string SiloId { get; } = siloId;

    public int Partition { get; } = partition;

    /// <summary>The fencing number the writer held; null when it held no lease at all.</summary>
    public long? Fencing { get; } = fencing;
}
