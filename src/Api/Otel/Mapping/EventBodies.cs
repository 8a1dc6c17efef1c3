using System.Text.Json;
using System.Text.Json.Nodes;
using Lantern.Contracts.Ingestion;

namespace Lantern.Api.Otel.Mapping;

/// <summary>Builds ingestion bodies: absent and null mean different things to the merge, so unknown values are left out.</summary>
public static class EventBodies
{
    public static void Set(JsonObject body, string key, JsonNode? value)
    {
        if (value is not null)
        {
            body[key] = value;
        }
    }

    public static void Set(JsonObject body, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            body[key] = value;
        }
    }

    /// <summary>Metadata is left out when empty: an empty object never overwrites anyway.</summary>
    public static void SetMetadata(JsonObject body, JsonObject metadata)
    {
        if (metadata.Count > 0)
        {
            body["metadata"] = metadata;
        }
    }

    public static JsonElement ToElement(JsonObject body)
    {
        using var document = StorableJson.Parse(body);
        return document.RootElement.Clone();
    }
}
