using Lantern.Contracts.Ingestion;

namespace Lantern.Api.Otel.Mapping;

/// <summary>The ingestion events one OTLP span became: its observation and, when it has any, its trace upsert.</summary>
/// <param name="SpanId">Lowercase hex span id, the observation id.</param>
/// <param name="Events">The events, trace first.</param>
public sealed record MappedSpan(string SpanId, List<IngestionEvent> Events);
