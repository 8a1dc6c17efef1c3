using Lantern.Contracts.Rollups;
using MassTransit;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Lantern.Silo.Cluster;

/// <summary>
/// In a cluster a user's spend alerts sit in the project grain of the silo owning the user's partition, so the project's
/// alerts are spread over the silos. The reader asks each silo holding partitions once, through the queue of one of its
/// partitions (read from <c>partition_leases</c>), and merges the answers, newest first. Any process can read them, an
/// <c>api</c> pod included. A silo that does not answer within <see cref="ClusterOptions.DeletionTimeout"/> (broker down,
/// a dead owner not yet replaced) fails the read with <see cref="BrokerUnavailableException"/> (503): a list missing
/// one silo's users would look complete.
/// </summary>
public sealed partial class BrokerSpendAlertReader(
    IBus bus, NpgsqlDataSource dataSource, ClusterOptions options, ILogger<BrokerSpendAlertReader> logger) : ISpendAlertReader
{
    // What one project grain keeps; the merged list is cut to the same length.
    private const int KeptAlerts = 100;

    public async Task<IReadOnlyList<UserSpendAlert>> ReadAsync(string projectId, CancellationToken cancellationToken)
    {
        var partitions = await OnePartitionPerSiloAsync(cancellationToken);
        PartitionSpendAlerts[] answers;
        try
        {
            answers = await Task.WhenAll(partitions.Select(p => AskAsync(p, projectId, cancellationToken)));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnanswered(logger, exception, partitions.Count, projectId);
            throw new BrokerUnavailableException("Not every silo answered with its spend alerts in time; retry later.", exception);
        }

        // A silo asked twice (its leases changed between the read and the answers) answers the same alerts twice.
        return [.. answers.SelectMany(a => a.Alerts).Distinct().OrderByDescending(a => a.DetectedAt).Take(KeptAlerts)];
    }

    private async Task<List<int>> OnePartitionPerSiloAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT min(partition) FROM partition_leases WHERE owner IS NOT NULL AND partition < $1 GROUP BY owner");
        command.Parameters.Add(new() { Value = options.Partitions });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var partitions = new List<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            partitions.Add(reader.GetInt32(0));
        }

        return partitions;
    }

    private async Task<PartitionSpendAlerts> AskAsync(int partition, string projectId, CancellationToken cancellationToken)
    {
        var client = bus.CreateRequestClient<PartitionSpendAlertsQuery>(
            PartitionQueues.Address(options.Name, partition), RequestTimeout.After(ms: (int)options.DeletionTimeout.TotalMilliseconds));
        var response = await client.GetResponse<PartitionSpendAlerts>(new PartitionSpendAlertsQuery(projectId), cancellationToken);
        return response.Message;
    }

    [LoggerMessage(LogLevel.Warning, "{Count} silos were asked for the spend alerts of project {ProjectId} and not all answered; the caller is answered 503")]
    private static partial void LogUnanswered(ILogger logger, Exception exception, int count, string projectId);
}
