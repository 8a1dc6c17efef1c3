using System.Text.Json.Nodes;

namespace Lantern.Api.Otel.Mapping;

/// <summary>The body of a span's <c>&lt;type&gt;-create</c> event (reference §4.3 item 3).</summary>
public static class ObservationBody
{
    public static JsonObject Build(SpanContext span, SpanFacts facts, JsonNode? input, JsonNode? output, JsonObject metadata)
    {
        var a = span.Attributes;
        var body = new JsonObject { ["id"] = facts.SpanId, ["traceId"] = facts.TraceId };
        EventBodies.Set(body, "parentObservationId", facts.ParentSpanId);
        EventBodies.Set(body, "name", GenerationAttributes.Name(span));
        body["startTime"] = OtlpTime.Iso(facts.Start);
        if (facts.Type != "EVENT" && facts.End is { } end)
        {
            body["endTime"] = OtlpTime.Iso(end);
        }

        EventBodies.Set(body, "environment", facts.Environment);
        EventBodies.Set(body, "version", facts.Version);
        EventBodies.Set(body, "level", Level(span));
        EventBodies.Set(body, "statusMessage", a.Text("langfuse.observation.status_message") ?? span.Span.Status?.Message);
        EventBodies.Set(body, "completionStartTime", CompletionStart(span, facts.Start) is { } first ? OtlpTime.Iso(first) : null);
        EventBodies.Set(body, "model", GenerationAttributes.Model(span));
        EventBodies.Set(body, "modelParameters", GenerationAttributes.ModelParameters(span));
        EventBodies.Set(body, "usageDetails", UsageAttributes.Usage(span));
        EventBodies.Set(body, "costDetails", GenerationAttributes.Cost(span));
        if (facts.Type == "GENERATION")
        {
            SetPrompt(body, a);
        }

        EventBodies.Set(body, "input", input?.DeepClone());
        EventBodies.Set(body, "output", output?.DeepClone());
        EventBodies.SetMetadata(body, metadata);
        return body;
    }

    private static string Level(SpanContext span)
    {
        var declared = span.Attributes.Text("langfuse.observation.level")?.ToUpperInvariant();
        return declared is "DEBUG" or "DEFAULT" or "WARNING" or "ERROR" ? declared
            : span.Span.Status?.Code == Protos.Status.Types.StatusCode.Error ? "ERROR"
            : "DEFAULT";
    }

    private static DateTimeOffset? CompletionStart(SpanContext span, DateTimeOffset start)
    {
        if (OtlpTime.ParseIso(span.Attributes.Text("langfuse.observation.completion_start_time")) is { } explicitTime)
        {
            return explicitTime;
        }

        return JsonText.Number(span.Attributes.First("ai.response.msToFirstChunk", "ai.stream.msToFirstChunk")) is { } ms and >= 0
            ? start.AddMilliseconds(ms)
            : null;
    }

    /// <summary>Prompt name and version go together (the ingestion schema rejects one without the other).</summary>
    private static void SetPrompt(JsonObject body, SpanAttributes a)
    {
        var name = a.Text("langfuse.observation.prompt.name", "langfuse.prompt.name");
        var version = JsonText.Number(a.First("langfuse.observation.prompt.version", "langfuse.prompt.version"));
        if (!string.IsNullOrEmpty(name) && version is { } v && v == Math.Floor(v) && v is >= 1 and <= int.MaxValue)
        {
            body["promptName"] = name;
            body["promptVersion"] = (int)v;
        }
    }
}
