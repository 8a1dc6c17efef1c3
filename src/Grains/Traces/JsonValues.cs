using System.Globalization;
using System.Text.Json;
using Lantern.Contracts.Ingestion;

namespace Lantern.Grains.Traces;

/// <summary>Typed reads of the raw JSON field values an <see cref="Entity"/> holds; anything unreadable reads as null.</summary>
public static class JsonValues
{
    public static string? String(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' && !raw.Contains('\\', StringComparison.Ordinal))
        {
            return raw[1..^1]; // a string without escapes, by far the most common field value: no parse needed
        }

        using var document = JsonDocument.Parse(raw);
        return document.RootElement.ValueKind switch
        {
            JsonValueKind.String => document.RootElement.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => document.RootElement.GetRawText(),
            _ => null,
        };
    }

    public static DateTimeOffset? Time(string? raw)
    {
        // Rows carry a few times each, nearly all in the SDKs' shape (no escapes): read inside the quotes, no string made.
        if (raw is { Length: > 2 } && raw[0] == '"' && raw[^1] == '"' && SdkTime.TryParse(raw.AsSpan(1, raw.Length - 2), out var time))
        {
            return time.ToUniversalTime();
        }

        return String(raw) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time)
            ? time.ToUniversalTime()
            : null;
    }

    public static int? Int(string? raw) =>
        raw is not null && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static double? Double(string? raw) =>
        raw is not null && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool? Bool(string? raw) => raw switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    /// <summary>A JSON object of metadata keys, rebuilt from the per-key raw values.</summary>
    public static string? Object(IReadOnlyDictionary<string, string> members) => members.Count == 0
        ? null
        : JsonText.Write(members, static (writer, members) =>
        {
            writer.WriteStartObject();
            foreach (var (key, raw) in members)
            {
                writer.WritePropertyName(key);
                writer.WriteRawValue(raw, skipInputValidation: true);
            }

            writer.WriteEndObject();
        });

    /// <summary>Langfuse's environment rule: lower-case, no leading <c>langfuse</c> prefix, at most 40 of [a-z0-9-_], else <c>default</c>.</summary>
    public static string Environment(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "default";
        }

        var env = value.ToLowerInvariant();
        while (env.StartsWith("langfuse", StringComparison.Ordinal))
        {
            env = env["langfuse".Length..].TrimStart('-', '_');
        }

        if (env.Length > 40)
        {
            env = env[..40];
        }

        return env.Length > 0 && env.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_') ? env : "default";
    }
}
