namespace Lantern.Api.Otel.Mapping;

/// <summary>What the trace and the observation of one span share: ids, times, type and the deployment fields.</summary>
public sealed record SpanFacts(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    bool IsRoot,
    string Type,
    DateTimeOffset Start,
    DateTimeOffset? End,
    string? Environment,
    string? Version,
    string? Release)
{
    private static readonly string[] EnvironmentKeys = ["langfuse.environment", "deployment.environment.name", "deployment.environment"];

    public static SpanFacts From(SpanContext span, string traceId, string spanId, string? parentSpanId, DateTimeOffset receivedAt)
    {
        var start = OtlpTime.FromUnixNanos(span.Span.StartTimeUnixNano);
        var end = OtlpTime.FromUnixNanos(span.Span.EndTimeUnixNano);
        var a = span.Attributes;
        return new SpanFacts(
            traceId,
            spanId,
            parentSpanId,
            parentSpanId is null || JsonText.IsTrue(a.Get("langfuse.internal.as_root")),
            ObservationTypeResolver.Resolve(span),
            start ?? end ?? receivedAt,
            end ?? start,
            a.Text(EnvironmentKeys) ?? span.Resource.Text(EnvironmentKeys),
            a.Text("langfuse.version") ?? span.Resource.Text("service.version"),
            a.Text("langfuse.release") ?? span.Resource.Text("langfuse.release"));
    }
}
