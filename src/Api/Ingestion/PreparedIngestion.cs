using Lantern.Contracts.Ingestion;

namespace Lantern.Api.Ingestion;

/// <summary>A batch checked against its score configs, masked and routed: what is stored, and what was rejected.</summary>
public sealed record PreparedIngestion(IReadOnlyList<IngestionEvent> Events, List<IngestionError> Rejected, IngestionRoutes Routes);
