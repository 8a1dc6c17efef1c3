using System.Text.Json;

namespace Lantern.Api.Ingestion;

/// <summary>Score rules beyond field types: name and value required, one target, value matching the data type (§3.3).</summary>
public static class ScoreRules
{
    public static string? Check(JsonElement body)
    {
        if (!body.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
        {
            return "name: required, a non-empty string";
        }

        if (!EventValidator.HasValue(body, "value"))
        {
            return "value: required, a number or a string";
        }

        var targets = new[] { "traceId", "sessionId", "datasetRunId" }.Count(t => EventValidator.HasValue(body, t));
        if (targets != 1)
        {
            return "a score needs exactly one target: traceId (optionally with observationId), sessionId or datasetRunId";
        }

        if (EventValidator.HasValue(body, "observationId") && !EventValidator.HasValue(body, "traceId"))
        {
            return "observationId: requires traceId";
        }

        var value = body.GetProperty("value");
        var dataType = body.TryGetProperty("dataType", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        return dataType switch
        {
            "NUMERIC" when value.ValueKind != JsonValueKind.Number => "value: NUMERIC scores need a number",
            "BOOLEAN" when value.ValueKind != JsonValueKind.Number || value.GetDouble() is not (0 or 1) => "value: BOOLEAN scores need 0 or 1",
            "CATEGORICAL" when value.ValueKind != JsonValueKind.String => "value: CATEGORICAL scores need a string",
            "TEXT" when value.ValueKind != JsonValueKind.String || value.GetString()!.Length is 0 or > 500 =>
                "value: TEXT scores need a string of 1 to 500 characters",
            "CORRECTION" when value.ValueKind != JsonValueKind.String => "value: CORRECTION scores need a string",
            "CORRECTION" when EventValidator.HasValue(body, "configId") => "configId: not allowed on CORRECTION scores",
            "CORRECTION" when !EventValidator.HasValue(body, "traceId") => "CORRECTION scores must target a trace",
            _ => null,
        };
    }
}
