using System.Collections.Frozen;
using System.Text.Json;
using Lantern.Contracts.Ingestion;

namespace Lantern.Api.Ingestion;

/// <summary>Validates one batch entry: envelope fields, event type, and the body against its schema (reference §3.1-3.3).</summary>
public static class EventValidator
{
    public const string InvalidRequestData = "Invalid request data";

    public static ValidatedEvent Validate(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return Invalid("unknown", "event: expected an object");
        }

        var id = entry.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : null;
        if (id is null || id.Length is 0 or > 800 || id.Contains('\r', StringComparison.Ordinal))
        {
            return Invalid(id is { Length: > 0 and <= 800 } ? id : "unknown", "id: expected a string of 1 to 800 characters without carriage returns");
        }

        var typeName = entry.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString()! : null;
        if (typeName is null || !IngestionEventTypes.TryParse(typeName, out var type))
        {
            return Invalid(id, $"type: expected one of {string.Join(", ", IngestionEventTypes.Names)}");
        }

        if (!entry.TryGetProperty("timestamp", out var timestampElement) || !FieldChecker.TryTime(timestampElement, out var timestamp))
        {
            return Invalid(id, "timestamp: required, an ISO-8601 datetime with Z or an offset, e.g. 2024-05-01T10:00:00.000Z");
        }

        if (type == IngestionEventType.SdkLog)
        {
            return default;
        }

        if (!entry.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object)
        {
            return Invalid(id, "body: expected an object");
        }

        var problem = CheckFields(body, SchemaOf(type)) ?? CheckSemantics(type, body);
        if (problem is not null)
        {
            return Invalid(id, problem);
        }

        return new ValidatedEvent(new IngestionEvent(id, type, timestamp.ToUniversalTime(), body), null);
    }

    private static FrozenDictionary<string, FieldRule> SchemaOf(IngestionEventType type) => type switch
    {
        IngestionEventType.TraceCreate => BodySchemas.Trace,
        IngestionEventType.ScoreCreate => BodySchemas.Score,
        IngestionEventType.ObservationCreate or IngestionEventType.ObservationUpdate => BodySchemas.LegacyObservation,
        _ => BodySchemas.Observation,
    };

    private static string? CheckFields(JsonElement body, FrozenDictionary<string, FieldRule> schema)
    {
        foreach (var property in body.EnumerateObject())
        {
            var name = PropertyNames.Of(property);
            if (schema.TryGetValue(name, out var rule) && FieldChecker.Check(name, property.Value, rule) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckSemantics(IngestionEventType type, JsonElement body)
    {
        if (type == IngestionEventType.ScoreCreate)
        {
            return ScoreRules.Check(body);
        }

        if (type == IngestionEventType.TraceCreate)
        {
            return null;
        }

        if (!HasValue(body, "id"))
        {
            return "id: required for observations";
        }

        if (type is IngestionEventType.ObservationCreate or IngestionEventType.ObservationUpdate && !HasValue(body, "type"))
        {
            return "type: required for legacy observation events (GENERATION, SPAN or EVENT)";
        }

        return HasValue(body, "promptName") == HasValue(body, "promptVersion")
            ? null
            : "promptName and promptVersion: send both or neither";
    }

    /// <summary>Whether the body has the property with a non-null value.</summary>
    public static bool HasValue(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    private static ValidatedEvent Invalid(string id, string error) =>
        new(null, new IngestionError(id, StatusCodes.Status400BadRequest, InvalidRequestData, error));
}
