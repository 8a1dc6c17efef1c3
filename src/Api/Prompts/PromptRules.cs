using System.Text.RegularExpressions;

namespace Lantern.Api.Prompts;

/// <summary>Langfuse's rules for prompt names, labels and chat variables (reference §6).</summary>
public static partial class PromptRules
{
    private static readonly string[] ReservedNames = ["new", "metrics", "prompt-detail"];

    public static string? NameError(string? name) => name switch
    {
        null or "" => "name: must not be empty",
        { Length: > 255 } => "name: at most 255 characters",
        _ when name.Contains('|', StringComparison.Ordinal) => "name: must not contain '|'",
        _ when ReservedNames.Contains(name, StringComparer.Ordinal) => $"name: '{name}' is reserved",
        _ => null,
    };

    /// <summary>The first problem with <paramref name="labels"/>, or null.</summary>
    public static string? LabelsError(IReadOnlyList<string> labels)
    {
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 36 || !LabelPattern().IsMatch(label))
            {
                return $"labels: '{label}' must be 1 to 36 characters of a-z, 0-9, '_', '-' or '.'";
            }
        }

        return labels.Distinct(StringComparer.Ordinal).Count() == labels.Count ? null : "labels: each label may appear only once";
    }

    /// <summary>Variable names used as <c>{{name}}</c> in <paramref name="text"/>.</summary>
    public static IEnumerable<string> Variables(string text) =>
        VariablePattern().Matches(text).Select(m => m.Groups[1].Value.Trim()).Where(v => VariableName().IsMatch(v));

    [GeneratedRegex(@"^[a-z0-9_\-.]+$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"\{\{([^{}]*)\}\}")]
    private static partial Regex VariablePattern();

    [GeneratedRegex(@"^\p{L}[\p{L}\p{N}_]*$")]
    private static partial Regex VariableName();
}
