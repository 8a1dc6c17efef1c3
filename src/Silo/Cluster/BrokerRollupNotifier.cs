using Lantern.Grains.Rollups;
using Lantern.Silo.Rollups;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Cluster;

/// <summary>
/// A cluster silo's notifier: it counts each commit's spend here (once per commit) and sends the changes, one message per
/// destination partition, to the owners of their rollup grains, so a user's view sees every silo's commits. Sending is
/// after the commit and not part of any acknowledgement: a message that is lost leaves a version gap, and the grain
/// re-reads its rows when the next change shows it.
/// </summary>
public sealed partial class BrokerRollupNotifier(RollupSpendMetrics spend, IBus bus, BrokerSends sends, ClusterOptions options, ILogger<BrokerRollupNotifier> logger)
    : IRollupNotifier
{
    public void Notify(IReadOnlyList<RollupChange> changes)
    {
        spend.Record(changes);
        foreach (var partition in changes.GroupBy(c => PartitionHash.Of(c.Key.GrainKey, options.Partitions)))
        {
            _ = SendAsync(partition.Key, new PartitionRollupChanges([.. partition.Select(RollupChangeMessage.From)]));
        }
    }

    private async Task SendAsync(int partition, PartitionRollupChanges message)
    {
        try
        {
            await sends.RunAsync(async deadline => await (await bus.GetSendEndpoint(PartitionQueues.Address(options.Name, partition))).Send(message, deadline));
        }
        catch (Exception exception)
        {
            LogSendFailed(logger, exception, message.Changes.Count, partition);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Sending {Count} rollup changes to partition {Partition} failed; its rollup grains re-read their rows at the next gap")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, int count, int partition);
}
