using Lantern.Contracts.Ingestion;

namespace Lantern.Silo.Pii;

/// <summary>Masks personal data in events before anything stores them; every ingestion path goes through it.</summary>
public interface IEventMasker
{
    /// <summary>The events with their free-text fields masked under the project's policy (the same list when off).</summary>
    ValueTask<IReadOnlyList<IngestionEvent>> MaskAsync(string projectId, IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken);
}
