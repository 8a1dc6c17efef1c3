using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Lantern.Api.Otel.Protos;

namespace Lantern.Api.Otel;

/// <summary>
/// Reads OTLP/JSON. It is proto3 JSON except that trace and span ids are hex (not base64) and JavaScript exporters may
/// send 64-bit numbers as <c>{low, high}</c> objects; both are rewritten to proto3 JSON before the protobuf parser
/// reads it, so the shape checks (arrays where arrays belong) are the protobuf library's.
/// </summary>
public static class OtlpJsonReader
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private static readonly HashSet<string> IdFields = ["traceId", "trace_id", "spanId", "span_id", "parentSpanId", "parent_span_id"];

    private static readonly HashSet<string> LongFields =
        ["startTimeUnixNano", "start_time_unix_nano", "endTimeUnixNano", "end_time_unix_nano", "timeUnixNano", "time_unix_nano", "intValue", "int_value"];

    /// <exception cref="FormatException">The body is not JSON.</exception>
    /// <exception cref="InvalidProtocolBufferException">The JSON is not an OTLP trace export.</exception>
    public static ExportTraceServiceRequest Parse(ReadOnlySpan<byte> utf8)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}");
        }

        if (root is not JsonObject)
        {
            throw new FormatException("the body must be a JSON object with resourceSpans");
        }

        Normalise(root);
        return Parser.Parse<ExportTraceServiceRequest>(root.ToJsonString());
    }

    private static void Normalise(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is null)
                    {
                        continue;
                    }

                    if (IdFields.Contains(key) && value is JsonValue id && id.GetValueKind() == JsonValueKind.String && HexToBase64(id.GetValue<string>()) is { } base64)
                    {
                        obj[key] = base64;
                    }
                    else if (LongFields.Contains(key) && value is JsonObject parts && LowHigh(parts) is { } number)
                    {
                        obj[key] = number;
                    }
                    else if (LongFields.Contains(key) && value is JsonValue integer && integer.GetValueKind() == JsonValueKind.Number &&
                             integer.ToJsonString() is var digits && digits.TrimStart('-').All(char.IsAsciiDigit))
                    {
                        // As a string the protobuf parser keeps all 64 bits; as a number it would go through a double.
                        obj[key] = digits;
                    }
                    else
                    {
                        Normalise(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Normalise(item);
                    }
                }

                break;
        }
    }

    private static string? HexToBase64(string text)
    {
        if (text.Length == 0 || text.Length % 2 != 0 || !text.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        return Convert.ToBase64String(Convert.FromHexString(text));
    }

    /// <summary>A Long.js <c>{low, high}</c> pair (two 32-bit halves) as a decimal string.</summary>
    private static string? LowHigh(JsonObject parts)
    {
        if (!parts.TryGetPropertyValue("low", out var low) || !parts.TryGetPropertyValue("high", out var high) ||
            low is not JsonValue l || high is not JsonValue h ||
            !l.TryGetValue<long>(out var lowValue) || !h.TryGetValue<long>(out var highValue))
        {
            return null;
        }

        var value = ((ulong)(uint)highValue << 32) | (uint)lowValue;
        return value.ToString(CultureInfo.InvariantCulture);
    }
}
