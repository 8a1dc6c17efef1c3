using System.Text.Json;
using Lantern.Grains.Prompts;

namespace Lantern.Api.Prompts;

/// <summary>Validates a <c>CreateTextPromptRequest</c> or <c>CreateChatPromptRequest</c>; unknown fields are ignored.</summary>
public static class CreatePromptParser
{
    public static (string? Name, NewPromptVersion? Request, string? Error) Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, null, "body: expected a JSON object");
        }

        var name = Text(body, "name");
        var type = Text(body, "type") ?? "text";
        var labelsError = StringsError(body, "labels", out var labels);
        var tagsError = StringsError(body, "tags", out var tags);
        var commitError = CommitMessageError(body, out var commitMessage);
        var error = PromptRules.NameError(name)
                    ?? (type is "text" or "chat" ? null : "type: expected 'text' or 'chat'")
                    ?? PromptError(body, type)
                    ?? labelsError
                    ?? tagsError
                    ?? PromptRules.LabelsError([.. labels.Where(l => l != PromptLabels.Latest)])
                    ?? commitError;
        if (error is not null)
        {
            return (null, null, error);
        }

        var config = body.TryGetProperty("config", out var c) && c.ValueKind != JsonValueKind.Null ? c.GetRawText() : "{}";
        var hasTags = body.TryGetProperty("tags", out var t) && t.ValueKind != JsonValueKind.Null;
        return (name, new NewPromptVersion(type, body.GetProperty("prompt").GetRawText(), config, labels, hasTags ? tags : null, commitMessage), null);
    }

    private static string? PromptError(JsonElement body, string type)
    {
        if (!body.TryGetProperty("prompt", out var prompt))
        {
            return "prompt: required";
        }

        return type == "text"
            ? prompt.ValueKind == JsonValueKind.String ? null : "prompt: a text prompt must be a string"
            : ChatMessages.Error(prompt);
    }

    private static string? StringsError(JsonElement body, string property, out IReadOnlyList<string> values)
    {
        values = [];
        if (!body.TryGetProperty(property, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array || array.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return $"{property}: expected an array of strings";
        }

        values = [.. array.EnumerateArray().Select(e => e.GetString()!)];
        return null;
    }

    private static string? CommitMessageError(JsonElement body, out string? commitMessage)
    {
        commitMessage = null;
        if (!body.TryGetProperty("commitMessage", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        commitMessage = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return commitMessage is null ? "commitMessage: expected a string"
            : commitMessage.Length > 500 ? "commitMessage: at most 500 characters" : null;
    }

    private static string? Text(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
