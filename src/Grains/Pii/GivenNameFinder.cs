using System.Buffers;

namespace Lantern.Grains.Pii;

/// <summary>
/// Finds a common given name followed by a surname ("John Smith", "John F. Kennedy", "Ludwig van Beethoven"), or a given name
/// alone after "I am", "I'm", "call me" or "this is". A hand-written scan: a regex alternation of hundreds of names ran at
/// under 1 MB/s, this one only looks closer at capitalized words.
/// </summary>
internal static class GivenNameFinder
{
    private static readonly SearchValues<char> Capitals = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    private static readonly HashSet<string> GivenNames = new(PersonNameLists.GivenNames.Split('|'), StringComparer.Ordinal);
    private static readonly HashSet<string> Particles = new(["van", "von", "de", "del", "della", "der", "den", "da", "di", "du", "le", "la", "bin", "ibn", "al", "dos", "das"], StringComparer.Ordinal);

    // A given name after these is part of a place ("San Antonio", "St. Peter", "Lake Louise").
    private static readonly HashSet<string> PlacePrefixes = new(["San", "Santa", "Santo", "São", "St", "Saint", "Los", "Las", "Fort", "Mount", "Mt", "Lake", "Port", "Cape"], StringComparer.Ordinal);
    private static readonly string[] Introductions = ["I am", "I'm", "I’m", "call me", "Call me", "this is", "This is"];

    public static void AddTo(string text, List<PiiMatch> found)
    {
        var given = GivenNames.GetAlternateLookup<ReadOnlySpan<char>>();
        var at = 0;
        while (at < text.Length)
        {
            var offset = text.AsSpan(at).IndexOfAny(Capitals);
            if (offset < 0)
            {
                return;
            }

            var start = at + offset;
            var end = WordEnd(text, start);
            at = end;
            if ((start > 0 && IsWordChar(text[start - 1])) || !given.Contains(text.AsSpan(start, end - start)) || AfterPlacePrefix(text, start))
            {
                continue;
            }

            var fullEnd = SurnameEnd(text, end);
            if (fullEnd > 0)
            {
                found.Add(new PiiMatch(start, fullEnd - start, PiiKind.Person));
                at = fullEnd;
            }
            else if (Introduced(text, start))
            {
                found.Add(new PiiMatch(start, end - start, PiiKind.Person));
            }
        }
    }

    /// <summary>Where the surname after a given name ends (past a middle initial or a particle); 0 when none follows.</summary>
    private static int SurnameEnd(string text, int at)
    {
        at = Blank(text, at);
        if (at < 0)
        {
            return 0;
        }

        if (at + 1 < text.Length && char.IsUpper(text[at]) && text[at + 1] == '.')
        {
            at = Blank(text, at + 2);
            if (at < 0)
            {
                return 0;
            }
        }

        var particleEnd = WordEnd(text, at);
        if (Particles.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text.AsSpan(at, particleEnd - at)))
        {
            at = Blank(text, particleEnd);
            if (at < 0)
            {
                return 0;
            }
        }

        var end = PersonNames.NameEnd(text, at);
        return end > at && !PersonNameLists.NotNames.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text.AsSpan(at, end - at)) ? end : 0;
    }

    /// <summary>The position after one or more spaces or tabs, or -1 when there are none.</summary>
    private static int Blank(string text, int at)
    {
        var start = at;
        while (at < text.Length && text[at] is ' ' or '\t')
        {
            at++;
        }

        return at > start && at < text.Length ? at : -1;
    }

    private static int WordEnd(string text, int at)
    {
        while (at < text.Length && char.IsLetter(text[at]))
        {
            at++;
        }

        return at;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool AfterPlacePrefix(string text, int start)
    {
        var before = text.AsSpan(0, start).TrimEnd(" \t").TrimEnd('.');
        var wordStart = before.Length;
        while (wordStart > 0 && char.IsLetter(before[wordStart - 1]))
        {
            wordStart--;
        }

        return wordStart < before.Length && PlacePrefixes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(before[wordStart..]);
    }

    private static bool Introduced(string text, int start)
    {
        var before = text.AsSpan(0, start).TrimEnd(" \t");
        foreach (var phrase in Introductions)
        {
            if (before.EndsWith(phrase, StringComparison.Ordinal) && (before.Length == phrase.Length || !IsWordChar(before[^(phrase.Length + 1)])))
            {
                return true;
            }
        }

        return false;
    }
}
