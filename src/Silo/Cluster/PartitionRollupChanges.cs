namespace Lantern.Silo.Cluster;

/// <summary>
/// The rollup changes of one group commit whose rollup grains (<c>project/key</c>) fall in one partition, on their way from
/// the silo that committed them to the partition's owner, which applies them to its grains. Applying one twice, late or
/// out of order changes nothing: each change carries its row's version.
/// </summary>
public sealed record PartitionRollupChanges(IReadOnlyList<RollupChangeMessage> Changes) : IOrderedPartitionMessage
{
    /// <summary>
    /// The ordering key of every rollup message of a queue: they are applied one after another in the broker's order, so
    /// one sender's successive changes to a row do not overtake each other and force a needless re-read.
    /// </summary>
    public const string RollupOrderKey = "rollup-changes";

    string IOrderedPartitionMessage.OrderKey => RollupOrderKey;
}
