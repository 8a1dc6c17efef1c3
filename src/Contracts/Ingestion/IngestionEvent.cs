using System.Text.Json;

namespace Lantern.Contracts.Ingestion;

/// <summary>One validated ingestion event, as routed to the grain that owns its entity.</summary>
/// <param name="EventId">The envelope <c>id</c> (not the entity id).</param>
/// <param name="Type">The event type.</param>
/// <param name="Timestamp">The envelope <c>timestamp</c>: orders merges of the same entity.</param>
/// <param name="Body">The event body, a JSON object. Absent and <c>null</c> fields mean different things, so it stays JSON.</param>
public sealed record IngestionEvent(string EventId, IngestionEventType Type, DateTimeOffset Timestamp, JsonElement Body);
