using System.Text.Json;
using Lantern.Silo.Evaluators;

namespace Lantern.Api.Guard;

/// <summary>A parsed guard request: the text to check (from <c>text</c> or chat <c>messages</c>) and which evaluators to run.</summary>
public sealed record GuardRequest(string Text, IReadOnlyList<string>? Evaluators)
{
    /// <summary>The request, or an error saying which field is wrong.</summary>
    public static (GuardRequest? Request, string? Error) Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "body: a JSON object with text or messages");
        }

        string? text = null;
        if (body.TryGetProperty("text", out var textElement))
        {
            if (textElement.ValueKind != JsonValueKind.String)
            {
                return (null, "text: must be a string");
            }

            text = textElement.GetString();
        }
        else if (body.TryGetProperty("messages", out var messages))
        {
            if (messages.ValueKind != JsonValueKind.Array)
            {
                return (null, "messages: must be an array of chat messages");
            }

            text = EvaluationText.From(messages.GetRawText());
        }

        if (string.IsNullOrEmpty(text))
        {
            return (null, "text or messages: required, with some text to check");
        }

        if (!body.TryGetProperty("evaluators", out var names) || names.ValueKind == JsonValueKind.Null)
        {
            return (new GuardRequest(text, null), null);
        }

        if (names.ValueKind != JsonValueKind.Array || names.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.String))
        {
            return (null, "evaluators: must be an array of evaluator names");
        }

        return (new GuardRequest(text, [.. names.EnumerateArray().Select(n => n.GetString()!)]), null);
    }
}
