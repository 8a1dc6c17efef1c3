using System.Text;
using System.Text.RegularExpressions;

namespace Lantern.Grains.Pii;

/// <summary>
/// LLM Guard's Anonymize/Deanonymize: personal data becomes numbered placeholders (<c>[EMAIL_1]</c>) before a prompt goes to
/// a model, and the model's answer gets the values back. Equal values share one placeholder, so the model can still tell
/// that two mentions are the same person.
/// </summary>
public static partial class PiiAnonymizer
{
    public static AnonymizedText Anonymize(string text, PiiLists? lists = null)
    {
        var found = PiiDetector.Find(text, PiiKind.All, lists ?? PiiLists.None);
        if (found.Count == 0)
        {
            return new AnonymizedText(text, [], new Dictionary<string, string>());
        }

        var placeholderOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var countOfKind = new Dictionary<string, int>(StringComparer.Ordinal);
        var findings = new List<PiiFinding>(found.Count);
        var anonymized = new StringBuilder(text.Length);
        var at = 0;
        foreach (var match in found)
        {
            var value = text.Substring(match.Index, match.Length);
            var kind = PiiLabels.Of(match.Kind);
            if (!placeholderOf.TryGetValue(value, out var placeholder))
            {
                var number = countOfKind[kind] = countOfKind.GetValueOrDefault(kind) + 1;
                placeholderOf[value] = placeholder = $"[{kind}_{number}]";
            }

            findings.Add(new PiiFinding(kind, match.Index, match.Length, placeholder));
            anonymized.Append(text, at, match.Index - at).Append(placeholder);
            at = match.End;
        }

        anonymized.Append(text, at, text.Length - at);
        return new AnonymizedText(anonymized.ToString(), findings, placeholderOf.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal));
    }

    /// <summary>The text with every placeholder of <paramref name="values"/> replaced by its value; others are left as they are.</summary>
    public static string Deanonymize(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, match => values.TryGetValue(match.Value, out var value) ? value : match.Value);

    [GeneratedRegex(@"\[[A-Z_]+_[0-9]+\]", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
