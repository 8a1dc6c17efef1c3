using Lantern.Api.Ingestion;
using Lantern.Contracts.Ingestion;
using Lantern.Silo.Cluster;
using Lantern.Silo.Pii;
using MassTransit;

namespace Lantern.Api.Cluster;

/// <summary>
/// The cluster's write path: events are masked and grouped by grain as on a single node, then each group is sent to the
/// durable queue of its partition. The 207 is answered only after the broker confirmed every group (publisher confirms);
/// if it cannot, the request fails with <see cref="BrokerUnavailableException"/> (503) and the SDK resends, which is safe
/// because applying an event twice changes nothing.
/// </summary>
public sealed partial class BrokerIngestionPipeline(
    IBus bus, EventRouter router, IEventMasker masker, IngestionMetrics metrics, ClusterOptions options, ILogger<BrokerIngestionPipeline> logger)
    : IIngestionPipeline
{
    public async Task<IngestionResponse> IngestAsync(string projectId, IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken)
    {
        events = await masker.MaskAsync(projectId, events, cancellationToken);
        var routes = await router.RouteAsync(projectId, events, cancellationToken);
        var batches = routes.Traces.Select(t => new PartitionBatch(projectId, t.Key, false, t.Value))
            .Concat(routes.Scores.Select(s => new PartitionBatch(projectId, s.Key, true, s.Value)))
            .ToList();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.SendTimeout);
        try
        {
            await Task.WhenAll(batches.Select(b => SendAsync(b, deadline.Token)));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogSendFailed(logger, exception, projectId, batches.Count);
            throw new BrokerUnavailableException("The message broker did not confirm the batch; nothing was acknowledged.", exception);
        }

        var response = new IngestionResponse(new List<IngestionSuccess>(events.Count), []);
        foreach (var @event in events)
        {
            response.Successes.Add(new IngestionSuccess(@event.EventId, StatusCodes.Status201Created));
            metrics.Event(projectId, @event.Type.WireName(), "queued");
        }

        return response;
    }

    private async Task SendAsync(PartitionBatch batch, CancellationToken cancellationToken)
    {
        var partition = PartitionHash.Of(batch.GrainKey, options.Partitions);
        var endpoint = await bus.GetSendEndpoint(PartitionQueues.Address(partition));
        await endpoint.Send(batch, cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "Sending {Count} event groups of project {ProjectId} to the broker failed; the request is answered 503")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string projectId, int count);
}
