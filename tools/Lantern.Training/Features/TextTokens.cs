namespace Lantern.Training.Features;

/// <summary>
/// Characters as the exported graph's com.microsoft Tokenizer (empty separator) splits a text: Unicode scalars.
/// Case is folded by the character ids (<see cref="CharNgramBlock"/>), not by lower-casing the text: ONNX Runtime's
/// StringNormalizer and .NET disagree on some characters (U+0130 'İ'), and a table both sides share cannot.
/// </summary>
internal static class TextTokens
{
    public static List<string> Chars(string text)
    {
        var chars = new List<string>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            chars.Add(rune.ToString());
        }
        return chars;
    }

    /// <summary>The lower-case form of one character when it is one character, else the character itself.</summary>
    public static string Fold(string character)
    {
        var lower = character.ToLowerInvariant();
        return lower.EnumerateRunes().Count() == 1 ? lower : character;
    }
}
