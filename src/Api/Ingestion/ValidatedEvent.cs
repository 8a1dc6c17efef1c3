using Lantern.Contracts.Ingestion;

namespace Lantern.Api.Ingestion;

/// <summary>One batch entry after validation: an event to store, an item error, or neither (an <c>sdk-log</c>, dropped).</summary>
public readonly record struct ValidatedEvent(IngestionEvent? Event, IngestionError? Error);
