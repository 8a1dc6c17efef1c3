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
    private const string Introduced = @"\b(?:I[ \t]+am|I['’]m|[Cc]all[ \t]+me|[Tt]his[ \t]+is)[ \t]+";
    private const string Given = @"(?<![\p{L}\p{N}_])(?:" + PersonNameLists.GivenNames + @")(?![\p{L}\p{N}_])";

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Multiline;

    [GeneratedRegex("(?<=" + Title + "|" + Label + "|" + Phrase + ")" + Names, Options)]
    private static partial Regex AfterContext();

    // The full name first, so "I am John Smith" is one match.
    [GeneratedRegex(Given + @"(?:[ \t]+\p{Lu}\.)?[ \t]+(?:" + Particle + ")?" + Name + "|(?<=" + Introduced + ")" + Given, Options)]
    private static partial Regex GivenName();

    /// <summary>Adds the person names in <paramref name="text"/> to <paramref name="found"/>.</summary>
    public static void AddTo(string text, List<PiiMatch> found)
    {
        foreach (var match in AfterContext().EnumerateMatches(text))
        {
            // A phrase may be followed by words that are not a name ("Dear Customer Support"): the name ends before them.
            var length = NameLength(text.AsSpan(match.Index, match.Length));
            if (length > 0)
            {
                found.Add(new PiiMatch(match.Index, length, PiiKind.Person));
            }
        }

        foreach (var match in GivenName().EnumerateMatches(text))
        {
            // "Thomas The Tank" is a given name before an ordinary word, not a full name.
            if (NameLength(text.AsSpan(match.Index, match.Length)) == match.Length)
            {
                found.Add(new PiiMatch(match.Index, match.Length, PiiKind.Person));
            }
        }
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
