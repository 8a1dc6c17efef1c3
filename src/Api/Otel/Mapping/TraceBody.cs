using System.Text.Json.Nodes;

namespace Lantern.Api.Otel.Mapping;

/// <summary>The body of a span's <c>trace-create</c> (reference §4.3 item 2): full for a root span, partial otherwise.</summary>
public static class TraceBody
{
    /// <summary>The ingestion schema's limit on trace names.</summary>
    private const int MaxNameLength = 1000;

    /// <summary>The trace upsert of a span, or null when the span is not a root and carries no trace attributes.</summary>
    public static JsonObject? Build(SpanContext span, SpanFacts facts, JsonNode? input, JsonNode? output, JsonObject observationMetadata)
    {
        var a = span.Attributes;
        if (!facts.IsRoot && !TraceAttributes.Any(a))
        {
            return null;
        }

        var body = Shallow(facts);
        var name = a.Text("langfuse.trace.name") ?? (facts.IsRoot ? GenerationAttributes.Name(span) : null);
        EventBodies.Set(body, "name", name is { Length: > MaxNameLength } ? name[..MaxNameLength] : name);
        EventBodies.Set(body, "input", JsonText.Parse(a.First("langfuse.trace.input")) ?? (facts.IsRoot ? input?.DeepClone() : null));
        EventBodies.Set(body, "output", JsonText.Parse(a.First("langfuse.trace.output")) ?? (facts.IsRoot ? output?.DeepClone() : null));
        EventBodies.Set(body, "userId", TraceAttributes.UserId(a));
        EventBodies.Set(body, "sessionId", TraceAttributes.SessionId(a));
        EventBodies.Set(body, "tags", TraceAttributes.Tags(a));
        if (TraceAttributes.Public(a) is { } isPublic)
        {
            body["public"] = isPublic;
        }

        EventBodies.Set(body, "version", facts.Version);
        EventBodies.Set(body, "release", facts.Release);

        var metadata = MetadataAttributes.Trace(span.Resource);
        MetadataAttributes.Merge(metadata, MetadataAttributes.Trace(a));
        if (facts.IsRoot)
        {
            // observationMetadata already holds the span's metadata and its OTel context.
            MetadataAttributes.Merge(metadata, observationMetadata);
        }

        EventBodies.SetMetadata(body, metadata);
        return body;
    }

    /// <summary>A trace known only by id: observations never create their trace, so every trace needs at least this.</summary>
    public static JsonObject Shallow(SpanFacts facts)
    {
        var body = new JsonObject { ["id"] = facts.TraceId, ["timestamp"] = OtlpTime.Iso(facts.Start) };
        EventBodies.Set(body, "environment", facts.Environment);
        return body;
    }
}
