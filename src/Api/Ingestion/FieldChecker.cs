using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lantern.Contracts.Ingestion;

namespace Lantern.Api.Ingestion;

/// <summary>Checks one body field against its <see cref="FieldRule"/> and says what is wrong in the words of the API docs.</summary>
public static partial class FieldChecker
{
    /// <summary>Null when <paramref name="value"/> satisfies <paramref name="rule"/>, otherwise the problem.</summary>
    public static string? Check(string field, JsonElement value, FieldRule rule)
    {
        if (value.ValueKind == JsonValueKind.Null || rule == FieldRule.Any)
        {
            return null;
        }

        return rule switch
        {
            FieldRule.String => Expect(field, value, JsonValueKind.String, "a string"),
            FieldRule.Id => Expect(field, value, JsonValueKind.String, "a string") ?? MaxLength(field, value, 800),
            FieldRule.Name => Expect(field, value, JsonValueKind.String, "a string") ?? MaxLength(field, value, 1000),
            FieldRule.Time => IsTime(value) ? null : $"{field}: expected an ISO-8601 datetime with Z or an offset, e.g. 2024-05-01T10:00:00.000Z",
            FieldRule.Bool => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"{field}: expected a boolean",
            FieldRule.Int => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _) ? null : $"{field}: expected an integer",
            FieldRule.StringArray => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
                ? null
                : $"{field}: expected an array of strings",
            FieldRule.Object => Expect(field, value, JsonValueKind.Object, "an object"),
            FieldRule.CostMap => value.ValueKind == JsonValueKind.Object && value.EnumerateObject().All(IsCost)
                ? null
                : $"{field}: expected an object of non-negative numbers",
            FieldRule.Level => OneOf(field, value, "DEBUG", "DEFAULT", "WARNING", "ERROR"),
            FieldRule.ScoreValue => value.ValueKind is JsonValueKind.Number or JsonValueKind.String ? null : $"{field}: expected a number or a string",
            FieldRule.ScoreDataType => OneOf(field, value, "NUMERIC", "CATEGORICAL", "BOOLEAN", "CORRECTION", "TEXT"),
            FieldRule.ScoreSource => OneOf(field, value, "API", "EVAL", "ANNOTATION"),
            FieldRule.LegacyObservationType => OneOf(field, value, "GENERATION", "SPAN", "EVENT"),
            _ => null,
        };
    }

    /// <summary>Whether a JSON string is an ISO-8601 date-time with <c>Z</c> or an explicit offset.</summary>
    public static bool IsTime(JsonElement value) => TryTime(value, out _);

    /// <summary>Reads a JSON string that is an ISO-8601 date-time with <c>Z</c> or an explicit offset; false for anything else.</summary>
    public static bool TryTime(JsonElement value, out DateTimeOffset time)
    {
        time = default;
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        // Every event carries a few timestamps: read from the raw UTF-8 in a stack buffer, not a string each. A timestamp
        // with escapes or of implausible length takes the plain path.
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length > 66 || raw.IndexOf((byte)'\\') >= 0)
        {
            return value.GetString() is { } text && TryIsoWithOffset(text, out time);
        }

        Span<char> chars = stackalloc char[64];
        var length = Encoding.UTF8.GetChars(raw[1..^1], chars);
        return TryIsoWithOffset(chars[..length], out time);
    }

    // An SDK-shaped time also matches the pattern: tried first, it needs neither the regex nor the general parser.
    private static bool TryIsoWithOffset(ReadOnlySpan<char> text, out DateTimeOffset time) =>
        SdkTime.TryParse(text, out time) ||
        (IsoWithOffset().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time));

    private static string? Expect(string field, JsonElement value, JsonValueKind kind, string what) =>
        value.ValueKind == kind ? null : $"{field}: expected {what}, received {Describe(value)}";

    // The raw UTF-8 (quotes and escapes included) is never shorter than the string it decodes to, so most values pass
    // without being decoded.
    private static string? MaxLength(string field, JsonElement value, int max) =>
        JsonMarshal.GetRawUtf8Value(value).Length - 2 <= max || value.GetString()!.Length <= max
            ? null
            : $"{field}: must be at most {max} characters";

    private static string? OneOf(string field, JsonElement value, params string[] allowed) =>
        value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString(), StringComparer.Ordinal)
            ? null
            : $"{field}: expected one of {string.Join(", ", allowed)}";

    private static bool IsCost(JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.Null ||
        (property.Value.ValueKind == JsonValueKind.Number && property.Value.GetDouble() >= 0);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "string",
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoWithOffset();
}
