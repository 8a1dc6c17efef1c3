using System.Text.Json.Nodes;

namespace Lantern.Api.Otel.Mapping;

/// <summary>
/// Metadata of traces and observations: a whole JSON object attribute and/or flattened <c>&lt;prefix&gt;.&lt;key&gt;</c>
/// attributes (reference §4.4), plus the raw OTel context Langfuse keeps beside them.
/// </summary>
public static class MetadataAttributes
{
    private static readonly string[] ObservationWhole = ["langfuse.observation.metadata", "langfuse.metadata"];
    private static readonly string[] ObservationPrefixes = ["langfuse.observation.metadata.", "langfuse.metadata.", "ai.telemetry.metadata."];
    private static readonly string[] TraceWhole = ["langfuse.trace.metadata"];
    private static readonly string[] TracePrefixes = ["langfuse.trace.metadata."];

    public static JsonObject Observation(SpanAttributes attributes) => Extract(attributes, ObservationWhole, ObservationPrefixes);

    public static JsonObject Trace(SpanAttributes attributes) => Extract(attributes, TraceWhole, TracePrefixes);

    /// <summary>
    /// What non-Langfuse spans carry beyond the mapped fields: their attributes (as text), the resource attributes and the
    /// instrumentation scope, so nothing an exporter sent is lost.
    /// </summary>
    public static void AddOtelContext(JsonObject metadata, SpanContext span)
    {
        if (!span.IsLangfuseSdk)
        {
            var attributes = new JsonObject();
            foreach (var (key, value) in span.Attributes.All.Where(p => !p.Key.StartsWith("langfuse.", StringComparison.Ordinal)))
            {
                attributes[key] = SpanAttributes.AsText(value);
            }

            metadata["attributes"] = attributes;
        }

        metadata["resourceAttributes"] = ToObject(span.Resource.All);
        var scope = new JsonObject { ["name"] = span.Scope.Name, ["version"] = span.Scope.Version };
        if (span.Scope.Attributes.Count > 0)
        {
            scope["attributes"] = ToObject(new SpanAttributes(span.Scope.Attributes).All);
        }

        metadata["scope"] = scope;
    }

    public static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            target[key] = value?.DeepClone();
        }
    }

    private static JsonObject Extract(SpanAttributes attributes, string[] wholeKeys, string[] prefixes)
    {
        var metadata = new JsonObject();
        foreach (var key in wholeKeys)
        {
            switch (JsonText.Parse(attributes.Get(key)))
            {
                case JsonObject whole:
                    Merge(metadata, whole);
                    break;
                case { } other:
                    metadata["metadata"] = other;
                    break;
            }
        }

        foreach (var prefix in prefixes)
        {
            foreach (var (key, value) in attributes.WithPrefix(prefix))
            {
                metadata[key] = JsonText.Parse(value);
            }
        }

        return metadata;
    }

    private static JsonObject ToObject(IReadOnlyDictionary<string, JsonNode?> values)
    {
        var result = new JsonObject();
        foreach (var (key, value) in values)
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }
}
