namespace Lantern.Contracts.Ingestion;

/// <summary>The 207 body of <c>POST /api/public/ingestion</c>: a status per event.</summary>
public sealed record IngestionResponse(List<IngestionSuccess> Successes, List<IngestionError> Errors);
