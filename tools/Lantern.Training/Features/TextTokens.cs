using System.Text;
using System.Text.RegularExpressions;

namespace Lantern.Training.Features;

/// <summary>
/// The tokenisation the exported graph performs, mirrored in C# for training: lower-case (StringNormalizer),
/// words as runs of <c>[a-z0-9]</c> and characters as Unicode scalars (com.microsoft Tokenizer).
/// </summary>
internal static partial class TextTokens
{
    /// <summary>The word pattern, written so it means the same as a POSIX basic or an RE2 expression.</summary>
    public const string WordPattern = "[a-z0-9][a-z0-9]*";

    public static string Lower(string text) => text.ToLowerInvariant();

    public static List<string> Words(string lower)
    {
        var words = new List<string>();
        foreach (Match match in WordRegex().Matches(lower))
        {
            words.Add(match.Value);
        }
        return words;
    }

    public static List<string> Chars(string lower)
    {
        var chars = new List<string>(lower.Length);
        foreach (var rune in lower.EnumerateRunes())
        {
            chars.Add(rune.ToString());
        }
        return chars;
    }

    /// <summary>True for n-grams the model may use: control characters are the tokenizer's own markers.</summary>
    public static bool Usable(ReadOnlySpan<string> tokens)
    {
        foreach (var token in tokens)
        {
            foreach (var rune in token.EnumerateRunes())
            {
                if (Rune.IsControl(rune) || rune == Rune.ReplacementChar)
                {
                    return false;
                }
            }
        }
        return true;
    }

    [GeneratedRegex("[a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();
}
