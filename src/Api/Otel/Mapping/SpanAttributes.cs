using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.Collections;
using Lantern.Api.Otel.Protos;

namespace Lantern.Api.Otel.Mapping;

/// <summary>
/// OTLP attributes decoded to JSON values (reference §4.2), with the lookups the mapping rules need: first non-empty
/// of several keys, prefix scans, and strings that may hold JSON.
/// </summary>
public sealed class SpanAttributes
{
    private readonly Dictionary<string, JsonNode?> _values = new(StringComparer.Ordinal);

    public SpanAttributes(RepeatedField<KeyValue> attributes)
    {
        foreach (var attribute in attributes)
        {
            _values[attribute.Key] = Decode(attribute.Value);
        }
    }

    public IReadOnlyDictionary<string, JsonNode?> All => _values;

    public bool Has(string key) => _values.ContainsKey(key);

    public bool HasPrefix(string prefix) => _values.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));

    public JsonNode? Get(string key) => _values.GetValueOrDefault(key);

    /// <summary>The first key whose value is present and not an empty string.</summary>
    public JsonNode? First(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (_values.TryGetValue(key, out var value) && value is not null && !(IsString(value) && value.GetValue<string>().Length == 0))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The first non-empty value as text (numbers and booleans in their JSON form).</summary>
    public string? Text(params ReadOnlySpan<string> keys) => AsText(First(keys));

    /// <summary>Keys with <paramref name="prefix"/>, the prefix stripped.</summary>
    public IEnumerable<(string Key, JsonNode? Value)> WithPrefix(string prefix) =>
        _values.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && p.Key.Length > prefix.Length)
            .Select(p => (p.Key[prefix.Length..], p.Value));

    public static string? AsText(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    public static bool IsString(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    /// <summary>Decodes one value. Maps and bytes become an object and base64 text: more useful than Langfuse's JSON dump of the wrapper.</summary>
    public static JsonNode? Decode(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => JsonValue.Create(value.StringValue),
        AnyValue.ValueOneofCase.BoolValue => JsonValue.Create(value.BoolValue),
        AnyValue.ValueOneofCase.IntValue => JsonValue.Create(value.IntValue),
        AnyValue.ValueOneofCase.DoubleValue => double.IsFinite(value.DoubleValue)
            ? JsonValue.Create(value.DoubleValue)
            : JsonValue.Create(value.DoubleValue.ToString(CultureInfo.InvariantCulture)),
        AnyValue.ValueOneofCase.ArrayValue => new JsonArray([.. value.ArrayValue.Values.Select(Decode)]),
        AnyValue.ValueOneofCase.KvlistValue => DecodeMap(value.KvlistValue),
        AnyValue.ValueOneofCase.BytesValue => JsonValue.Create(value.BytesValue.ToBase64()),
        _ => null,
    };

    private static JsonObject DecodeMap(KeyValueList map)
    {
        var result = new JsonObject();
        foreach (var entry in map.Values)
        {
            result[entry.Key] = Decode(entry.Value);
        }

        return result;
    }
}
