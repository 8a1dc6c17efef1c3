using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lantern.Api.Otel.Mapping;

/// <summary>
/// SDKs send structured values (input, output, metadata, usage) as JSON text inside string attributes; Langfuse parses
/// them back on read. These helpers do that once, on ingestion.
/// </summary>
public static class JsonText
{
    /// <summary>The parsed JSON if <paramref name="value"/> is a string holding JSON, else a copy of the value itself.</summary>
    public static JsonNode? Parse(JsonNode? value)
    {
        if (!SpanAttributes.IsString(value))
        {
            return value?.DeepClone();
        }

        var text = value!.GetValue<string>();
        return TryParse(text, out var parsed) ? parsed : JsonValue.Create(text);
    }

    public static bool TryParse(string text, out JsonNode? parsed)
    {
        parsed = null;
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length == 0 || !(trimmed[0] is '{' or '[' or '"' or '-' or 't' or 'f' or 'n' || char.IsAsciiDigit(trimmed[0])))
        {
            return false;
        }

        try
        {
            parsed = JsonNode.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A JSON object from an object value or a string holding one; null otherwise.</summary>
    public static JsonObject? Object(JsonNode? value) => Parse(value) as JsonObject;

    /// <summary>A number from a JSON number or a numeric string.</summary>
    public static double? Number(JsonNode? value)
    {
        if (value is not JsonValue v)
        {
            return null;
        }

        return v.GetValueKind() switch
        {
            JsonValueKind.Number => double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
            JsonValueKind.String when double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
            _ => null,
        };
    }

    /// <summary>Whether the value is boolean true or the string "true".</summary>
    public static bool IsTrue(JsonNode? value) => value is JsonValue v && v.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.String => string.Equals(v.GetValue<string>(), "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
