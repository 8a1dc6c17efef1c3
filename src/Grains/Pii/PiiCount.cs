using System.Text.RegularExpressions;

namespace Lantern.Grains.Pii;

/// <summary>
/// Counts personal data in a text by kind: raw values the detector finds plus the tokens masking left in their place,
/// because stored texts are already masked when the project's policy says so and the <c>pii</c> score should still say
/// what was there.
/// </summary>
public static partial class PiiCount
{
    /// <summary>Label (e.g. <c>EMAIL</c>) → how many, in label order; empty when the text holds none.</summary>
    public static SortedDictionary<string, int> Of(string text, PiiLists? lists = null)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var match in PiiDetector.Find(text, PiiKind.All, lists ?? PiiLists.None))
        {
            Add(counts, PiiLabels.Of(match.Kind));
        }

        if (text.Contains('[', StringComparison.Ordinal))
        {
            foreach (Match token in MaskToken().Matches(text))
            {
                Add(counts, token.Groups[1].Value);
            }
        }

        return counts;
    }

    private static void Add(SortedDictionary<string, int> counts, string label) => counts[label] = counts.GetValueOrDefault(label) + 1;

    // The tokens PiiMasker writes: [EMAIL] when redacting, [EMAIL:0123456789ab] when hashing.
    [GeneratedRegex(@"\[(EMAIL|PHONE|SSN|CREDIT_CARD|IBAN|API_KEY|PRIVATE_KEY|IP_ADDRESS|CUSTOM|PERSON)(?::[0-9a-f]{12})?\]", RegexOptions.CultureInvariant)]
    private static partial Regex MaskToken();
}
