using System.Buffers;
using System.Text.RegularExpressions;

namespace Lantern.Grains.Pii;

/// <summary>
/// A conservative person-name detector, for want of an NER model: capitalized names after a title ("Dr. Jane Doe"), after a
/// naming phrase ("my name is", "Name:", "Dear", "Regards,", "Signed,"), a common given name after "I am"/"this is", and a
/// common given name followed by a capitalized surname ("John Smith"). Capitalized words alone (sentence starts, "Apple Pay",
/// "New York") are never names. Only the name is matched, so "Dr. [PERSON_1]" keeps the title.
/// </summary>
internal static partial class PersonNames
{
    // A capitalized name (O'Brien, McDonald, Jean-Luc), never the start of a longer word (ChatGPT, iPhone).
    private const string Name = @"(?<![\p{L}\p{N}_])(?:Mc|Mac|O['’]|D['’])?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?![\p{L}\p{N}_])";
    private const string Particle = @"(?:van|von|de|del|della|der|den|da|di|du|le|la|bin|ibn|al|dos|das)[ \t]+";

    // Up to three names on one line, with a middle initial or a particle (John F. Kennedy, Ludwig van Beethoven).
    private const string Names = Name + @"(?:[ \t]+\p{Lu}\.)?(?:[ \t]+(?:" + Particle + ")?" + Name + "){0,2}";
    private const string Title = @"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Professor|Sir|Dame|Rev|Herr|Frau|Mme|Mlle)\.?[ \t]+";
    private const string Label = @"(?:^|(?<=[\n,;(|])[ \t]*)(?i:(?:full|first|last|given|middle|legal|customer|patient|client|contact|employee)[ \t]+)?(?i:name)[ \t]*[:=][ \t]*";
    private const string Phrase = @"\b(?i:my[ \t]+name[ \t]+is|my[ \t]+name['’]s|signed(?:[ \t]+by)?|sincerely|(?:kind[ \t]+|best[ \t]+|warm[ \t]+)?regards|yours[ \t]+(?:truly|sincerely|faithfully)|dear)[ \t]*,?\s*";
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Multiline;

    // The context is matched, not looked behind for, so the engine can skip ahead to where a context starts; a name never
    // starts with a title, so "Dear Ms. McDonald" leaves "Ms." to the title context.
    [GeneratedRegex("(?:" + Title + "|" + Label + "|" + Phrase + ")(?!" + Title + ")(?<name>" + Names + ")", Options)]
    private static partial Regex AfterContext();

    // Every context holds one of these; most texts hold none, and two vectorised scans are far cheaper than the regex.
    private static readonly SearchValues<string> TitleCues = SearchValues.Create(
        ["Mr", "Ms", "Mx", "Dr", "Prof", "Sir", "Dame", "Rev", "Herr", "Frau", "Mme", "Mlle"], StringComparison.Ordinal);
    private static readonly SearchValues<string> PhraseCues = SearchValues.Create(
        ["name", "signed", "sincerely", "regards", "yours", "dear"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds the person names in <paramref name="text"/> to <paramref name="found"/>.</summary>
    public static void AddTo(string text, List<PiiMatch> found)
    {
        if (text.AsSpan().ContainsAny(TitleCues) || text.AsSpan().ContainsAny(PhraseCues))
        {
            AddAfterContext(text, found);
        }

        GivenNameFinder.AddTo(text, found);
    }

    private static void AddAfterContext(string text, List<PiiMatch> found)
    {
        foreach (Match match in AfterContext().Matches(text))
        {
            // A phrase may be followed by words that are not a name ("Dear Customer Support"): the name ends before them.
            var name = match.Groups["name"];
            var length = NameLength(text.AsSpan(name.Index, name.Length));
            if (length > 0)
            {
                found.Add(new PiiMatch(name.Index, length, PiiKind.Person));
            }
        }
    }

    /// <summary>Where a capitalized name (O'Brien, McDonald, Jean-Luc) starting at <paramref name="at"/> ends; <paramref name="at"/> when none does.</summary>
    public static int NameEnd(string text, int at)
    {
        foreach (var prefix in NamePrefixes)
        {
            if (text.AsSpan(at).StartsWith(prefix, StringComparison.Ordinal) && CapitalizedEnd(text, at + prefix.Length) is var end && end > at + prefix.Length)
            {
                return end;
            }
        }

        return CapitalizedEnd(text, at);
    }

    // One or two capitalized words joined by a hyphen, not followed by a letter or digit: the end, or at when there are none.
    private static int CapitalizedEnd(string text, int at)
    {
        var end = Capitalized(text, at);
        if (end > at && end + 1 < text.Length && text[end] == '-' && Capitalized(text, end + 1) is var second && second > end + 1)
        {
            end = second;
        }

        return end > at && (end == text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] == '_')) ? end : at;
    }

    private static readonly string[] NamePrefixes = ["Mc", "Mac", "O'", "O’", "D'", "D’"];

    // An upper-case letter and one or more lower-case ones: the end, or at when there are none.
    private static int Capitalized(string text, int at)
    {
        if (at >= text.Length || !char.IsUpper(text[at]))
        {
            return at;
        }

        var end = at + 1;
        while (end < text.Length && char.IsLower(text[end]))
        {
            end++;
        }

        return end > at + 1 ? end : at;
    }

    /// <summary>The length of the leading words that are not on the not-a-name list; 0 when the first one is.</summary>
    private static int NameLength(ReadOnlySpan<char> candidate)
    {
        var end = 0;
        var lookup = PersonNameLists.NotNames.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var word in candidate.Split(' '))
        {
            var token = candidate[word].Trim('\t');
            if (token.Length == 0)
            {
                continue;
            }

            if (lookup.Contains(token))
            {
                break;
            }

            end = word.End.Value;
        }

        return end;
    }
}
