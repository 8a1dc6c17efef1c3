using System.Text.Json;

namespace Lantern.Api.Prompts;

/// <summary>Validates a chat prompt: messages <c>{ role, content }</c> and placeholders <c>{ type: "placeholder", name }</c>.</summary>
public static class ChatMessages
{
    public static string? Error(JsonElement prompt)
    {
        if (prompt.ValueKind != JsonValueKind.Array)
        {
            return "prompt: a chat prompt must be an array of messages";
        }

        var variables = new HashSet<string>(StringComparer.Ordinal);
        var placeholders = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var message in prompt.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
            {
                return $"prompt[{index}]: expected an object";
            }

            if (Text(message, "type") == "placeholder")
            {
                if (Text(message, "name") is not { Length: > 0 } name)
                {
                    return $"prompt[{index}]: a placeholder needs a non-empty name";
                }

                placeholders.Add(name);
            }
            else if (Text(message, "role") is null || Text(message, "content") is not { } content)
            {
                return $"prompt[{index}]: a message needs string fields role and content";
            }
            else
            {
                variables.UnionWith(PromptRules.Variables(content));
            }

            index++;
        }

        var clash = placeholders.Intersect(variables, StringComparer.Ordinal).FirstOrDefault();
        return clash is null ? null : $"prompt: '{clash}' is used both as a variable and as a placeholder name";
    }

    private static string? Text(JsonElement message, string property) =>
        message.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
