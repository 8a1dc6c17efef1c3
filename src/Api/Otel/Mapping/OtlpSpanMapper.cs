using Google.Protobuf;
using Lantern.Api.Otel.Protos;
using Lantern.Contracts.Ingestion;

namespace Lantern.Api.Otel.Mapping;

/// <summary>
/// Turns an OTLP export into the ingestion events the Langfuse batch API would carry (reference §4.3): per span one
/// observation <c>&lt;type&gt;-create</c> and a <c>trace-create</c> when the span is a root or carries trace attributes;
/// every other trace in the export gets one shallow <c>trace-create</c>, because observations never create their trace.
/// Events are stamped with the span's start time, so the root span (which starts first) fixes the trace timestamp and
/// later spans win for the fields they set, whatever order the exports arrive in; ids are derived from the span, so a
/// resent export merges into the same rows.
/// </summary>
public static class OtlpSpanMapper
{
    public static OtlpMapping Map(ExportTraceServiceRequest request, DateTimeOffset receivedAt)
    {
        var spans = new List<MappedSpan>();
        var tracesWithBody = new HashSet<string>(StringComparer.Ordinal);
        var firstSpanOfTrace = new Dictionary<string, (MappedSpan Span, SpanFacts Facts)>(StringComparer.Ordinal);
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = new SpanAttributes(resourceSpans.Resource?.Attributes ?? []);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scope = scopeSpans.Scope ?? new InstrumentationScope();
                foreach (var span in scopeSpans.Spans)
                {
                    if (span.TraceId.IsEmpty || span.SpanId.IsEmpty)
                    {
                        return new OtlpMapping([], $"Span '{span.Name}' has no {(span.TraceId.IsEmpty ? "traceId" : "spanId")}: every span needs a trace id and a span id (is this an OTLP trace export?).");
                    }

                    var context = new SpanContext(span, new SpanAttributes(span.Attributes), resource, scope);
                    var facts = SpanFacts.From(context, Hex(span.TraceId), Hex(span.SpanId), span.ParentSpanId.IsEmpty ? null : Hex(span.ParentSpanId), receivedAt);
                    var mapped = MapSpan(context, facts);
                    spans.Add(mapped);
                    if (mapped.Events.Count > 1)
                    {
                        tracesWithBody.Add(facts.TraceId);
                    }

                    firstSpanOfTrace.TryAdd(facts.TraceId, (mapped, facts));
                }
            }
        }

        foreach (var (traceId, (span, facts)) in firstSpanOfTrace.Where(p => !tracesWithBody.Contains(p.Key)))
        {
            span.Events.Insert(0, TraceEvent(facts, TraceBody.Shallow(facts)));
        }

        return new OtlpMapping(spans, null);
    }

    private static MappedSpan MapSpan(SpanContext span, SpanFacts facts)
    {
        var input = InputOutputAttributes.Input(span);
        var output = InputOutputAttributes.Output(span);
        var metadata = MetadataAttributes.Observation(span.Resource);
        MetadataAttributes.Merge(metadata, MetadataAttributes.Observation(span.Attributes));
        MetadataAttributes.AddOtelContext(metadata, span);

        var events = new List<IngestionEvent>(2);
        if (TraceBody.Build(span, facts, input, output, metadata) is { } trace)
        {
            events.Add(TraceEvent(facts, trace));
        }

        IngestionEventTypes.TryParse(facts.Type.ToLowerInvariant() + "-create", out var type);
        var observation = ObservationBody.Build(span, facts, input, output, metadata);
        events.Add(new IngestionEvent($"otel-{facts.TraceId}-{facts.SpanId}", type, facts.Start, EventBodies.ToElement(observation)));
        return new MappedSpan(facts.SpanId, events);
    }

    private static IngestionEvent TraceEvent(SpanFacts facts, System.Text.Json.Nodes.JsonObject body) =>
        new($"otel-{facts.TraceId}-{facts.SpanId}-trace", IngestionEventType.TraceCreate, facts.Start, EventBodies.ToElement(body));

    private static string Hex(ByteString id) => Convert.ToHexStringLower(id.Span);
}
