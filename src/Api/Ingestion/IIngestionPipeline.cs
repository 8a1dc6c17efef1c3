using Lantern.Contracts.Ingestion;

namespace Lantern.Api.Ingestion;

/// <summary>
/// The one write path every ingestion endpoint (batch API, OTLP) goes through: events are validated, routed to
/// their trace and score grains, and acknowledged only once durable.
/// </summary>
public interface IIngestionPipeline
{
    /// <summary>Stores <paramref name="events"/> for a project; the result lists a success or an error per event id.</summary>
    Task<IngestionResponse> IngestAsync(string projectId, IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken);
}
