using System.Text.Json;
using Lantern.Silo.Evaluators;

namespace Lantern.Api.Guard;

/// <summary>
/// A parsed guard scan: the text to check (from <c>text</c> or chat <c>messages</c>), which checks to run (all when not
/// named) and whether to anonymize the PII found (<c>anonymize</c>, default true).
/// </summary>
public sealed record GuardRequest(string Text, IReadOnlyList<string>? Evaluators, bool Anonymize)
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

        var anonymize = true;
        if (body.TryGetProperty("anonymize", out var anonymizeElement))
        {
            if (anonymizeElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return (null, "anonymize: must be true or false");
            }

            anonymize = anonymizeElement.GetBoolean();
        }

        if (!body.TryGetProperty("evaluators", out var names) || names.ValueKind == JsonValueKind.Null)
        {
            return (new GuardRequest(text, null, anonymize), null);
        }

        if (names.ValueKind != JsonValueKind.Array || names.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.String))
        {
            return (null, "evaluators: must be an array of evaluator names");
        }

        return (new GuardRequest(text, [.. names.EnumerateArray().Select(n => n.GetString()!)], anonymize), null);
    }
}
