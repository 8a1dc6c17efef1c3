using Lantern.Api.Ingestion;
using Lantern.Contracts.Ingestion;
using Lantern.Silo.Cluster;
using Lantern.Silo.Pii;

namespace Lantern.Api.Cluster;

/// <summary>
/// The cluster's write path: events are masked and grouped by grain as on a single node, then each group is sent to the
/// durable queue of its partition. The 207 is answered only after the broker confirmed every group (publisher confirms);
/// if it cannot, the request fails with <see cref="BrokerUnavailableException"/> (503) and the SDK resends, which is safe
/// because applying an event twice changes nothing.
/// </summary>
public sealed class BrokerIngestionPipeline(PartitionSender sender, EventRouter router, IEventMasker masker, IngestionMetrics metrics)
    : IIngestionPipeline
{
    public async Task<IngestionResponse> IngestAsync(string projectId, IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken)
    {
        events = await masker.MaskAsync(projectId, events, cancellationToken);
        var routes = await router.RouteAsync(projectId, events, cancellationToken);
        var batches = routes.Traces.Select(t => new PartitionBatch(projectId, t.Key, false, t.Value))
            .Concat(routes.Scores.Select(s => new PartitionBatch(projectId, s.Key, true, s.Value)))
            .Select(b => (b.GrainKey, b))
            .ToList();
        try
        {
            await sender.SendAsync(projectId, batches, cancellationToken);
        }
        catch (BrokerUnavailableException)
        {
            // Counted apart from errors: the client resends these (LanternBrokerUnavailable alerts on their share).
            metrics.Events(projectId, events, "unavailable");
            throw;
        }

        var response = new IngestionResponse(new List<IngestionSuccess>(events.Count), []);
        foreach (var @event in events)
        {
            response.Successes.Add(new IngestionSuccess(@event.EventId, StatusCodes.Status201Created));
        }

        metrics.Events(projectId, events, "queued");
        return response;
    }
}
