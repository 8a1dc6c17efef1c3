using System.Text;
using System.Text.Json;

namespace Lantern.Silo.Evaluators;

/// <summary>
/// Turns a stored input or output (raw JSON) into the text a classifier should read: a plain string as is, chat
/// messages as their contents (OpenAI and Anthropic shapes, text parts only), anything else as its string values
/// except structural keys such as <c>role</c> or <c>type</c>.
/// </summary>
public static class EvaluationText
{
    private static readonly HashSet<string> StructuralKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "role", "type", "name", "id", "model", "tool_call_id", "finish_reason", "image_url", "url", "mime_type", "media_type",
    };

    /// <summary>The text of <paramref name="rawJson"/>, or null when it holds none (null, numbers, empty strings).</summary>
    public static string? From(string? rawJson)
    {
        if (string.IsNullOrEmpty(rawJson))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(rawJson);
            var text = new StringBuilder();
            Append(document.RootElement, text, depth: 0);
            var result = text.ToString().Trim();
            return result.Length == 0 ? null : result;
        }
        catch (JsonException)
        {
            return rawJson;
        }
    }

    private static void Append(JsonElement element, StringBuilder text, int depth)
    {
        if (depth > 32)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var value = element.GetString();
                if (!string.IsNullOrWhiteSpace(value))
                {
                    text.Append(value).Append('\n');
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Append(item, text, depth + 1);
                }

                break;
            case JsonValueKind.Object:
                // A message or a text part: its content is the text, the rest is envelope.
                if (element.TryGetProperty("content", out var content) || element.TryGetProperty("text", out content))
                {
                    Append(content, text, depth + 1);
                    break;
                }

                foreach (var property in element.EnumerateObject().Where(p => !StructuralKeys.Contains(p.Name)))
                {
                    Append(property.Value, text, depth + 1);
                }

                break;
        }
    }
}
