using System.Text.Json;
using Lantern.Api.Otel.Mapping;
using Lantern.Api.Otel.Protos;
using Lantern.Contracts.Ingestion;

namespace Lantern.Tests.Otel;

/// <summary>The events an export maps to, with lookups by entity for assertions.</summary>
public sealed class MappedEvents(IReadOnlyList<IngestionEvent> events)
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<IngestionEvent> All => events;

    public static MappedEvents Of(ExportTraceServiceRequest request)
    {
        var mapping = OtlpSpanMapper.Map(request, ReceivedAt);
        Assert.Null(mapping.Error);
        return new MappedEvents([.. mapping.Spans.SelectMany(s => s.Events)]);
    }

    public IngestionEvent Observation(string spanId) =>
        Assert.Single(events, e => e.Type != IngestionEventType.TraceCreate && Id(e) == spanId);

    public JsonElement Body(string spanId) => Observation(spanId).Body;

    public IReadOnlyList<IngestionEvent> Traces => [.. events.Where(e => e.Type == IngestionEventType.TraceCreate)];

    public JsonElement Trace() => Assert.Single(Traces).Body;

    public static string? Id(IngestionEvent e) => e.Body.GetProperty("id").GetString();
}
