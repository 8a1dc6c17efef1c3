using Lantern.Grains.Rollups;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Cluster;

/// <summary>
/// In a cluster, deletions run on the silos that own the keys: each is sent as a request to its partition's queue, behind
/// the key's earlier events, and the call returns once every owner answered that its deletion committed under its lease.
/// A deletion that is not confirmed within <see cref="ClusterOptions.DeletionTimeout"/> (no owner, broker down) fails with
/// <see cref="BrokerUnavailableException"/> (503): what was confirmed stays deleted, what was queued is carried out when
/// an owner gets to it, and asking again is harmless because deleting twice changes nothing.
/// </summary>
public sealed partial class BrokerOwnerDeletions(IBus bus, ClusterOptions options, ILogger<BrokerOwnerDeletions> logger) : IOwnerDeletions
{
    public Task DeleteTracesAsync(string projectId, IReadOnlyCollection<string> traceIds, CancellationToken cancellationToken) =>
        RequestAllAsync(projectId, [.. traceIds.Select(id => new PartitionTraceDeletion(projectId, id)).Select(d => (d.GrainKey, d))], cancellationToken);

    public async Task<bool> DeleteScoreAsync(string projectId, string scoreId, string traceId, CancellationToken cancellationToken)
    {
        var deletion = new PartitionScoreDeletion(projectId, scoreId, traceId);
        var answers = await RequestAllAsync(projectId, [(deletion.GrainKey, deletion)], cancellationToken);
        return answers[0];
    }

    /// <summary>
    /// Each key's forget goes to its rollup grain's partition, behind the rollup changes already queued there (among them
    /// the deleted traces' negative ones), and returns once every owner's grains let go.
    /// </summary>
    public Task ForgetRollupsAsync(string projectId, IReadOnlyCollection<(RollupScope Scope, string Key)> keys, CancellationToken cancellationToken) =>
        keys.Count == 0
            ? Task.CompletedTask
            : RequestAllAsync(projectId, [.. keys.Select(k => new PartitionRollupForget(projectId, k.Scope, k.Key)).Select(f => (f.GrainKey, f))], cancellationToken);

    private async Task<bool[]> RequestAllAsync<T>(string projectId, IReadOnlyList<(string Key, T Message)> requests, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await Task.WhenAll(requests.Select(r => RequestAsync(r.Key, r.Message, cancellationToken)));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnconfirmed(logger, exception, requests.Count, typeof(T).Name, projectId);
            throw new BrokerUnavailableException(
                "The owners of the data did not confirm its deletion in time; retry later. What is queued is still deleted, and deleting again is harmless.",
                exception);
        }
    }

    private async Task<bool> RequestAsync<T>(string key, T message, CancellationToken cancellationToken)
        where T : class
    {
        var address = PartitionQueues.Address(options.Name, PartitionHash.Of(key, options.Partitions));
        var client = bus.CreateRequestClient<T>(address, RequestTimeout.After(ms: (int)options.DeletionTimeout.TotalMilliseconds));
        // MassTransit lets a request expire in its queue after the timeout; a deletion must not: once queued it is carried
        // out, by whichever silo owns the partition next, even if nobody waits for its answer any more.
        var response = await client.GetResponse<PartitionDeletionResult>(message, r => r.TimeToLive = RequestTimeout.None, cancellationToken);
        return response.Message.Deleted;
    }

    [LoggerMessage(LogLevel.Warning, "The owners did not confirm {Count} {MessageType} requests of project {ProjectId}; the caller is answered 503")]
    private static partial void LogUnconfirmed(ILogger logger, Exception exception, int count, string messageType, string projectId);
}
