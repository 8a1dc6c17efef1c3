using System.Buffers;
using System.Text.RegularExpressions;

namespace Lantern.Grains.Pii;

/// <summary>
/// Finds personal data and secrets in text. Each kind is skipped outright when a cheap character test rules it out
/// (no <c>@</c>, no digit), so the common prose-only string costs a few vectorised scans.
/// </summary>
public static class PiiDetector
{
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");
    private static readonly SearchValues<string> KeyPrefixes = SearchValues.Create(
        ["sk-", "AKIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "AIza", "eyJ", "earer"], StringComparison.Ordinal);

    private static readonly (PiiKind Kind, Func<Regex> Pattern, Func<string, bool> MayContain, Func<ReadOnlySpan<char>, bool>? Valid)[] Detectors =
    [
        (PiiKind.PrivateKey, PiiPatterns.PrivateKey, t => t.Contains("PRIVATE KEY-----", StringComparison.Ordinal), null),
        (PiiKind.ApiKey, PiiPatterns.ApiKey, t => t.AsSpan().ContainsAny(KeyPrefixes), null),
        (PiiKind.Email, PiiPatterns.Email, t => t.Contains('@', StringComparison.Ordinal), null),
        (PiiKind.Iban, PiiPatterns.Iban, HasDigit, PiiValidators.IsIban),
        (PiiKind.CreditCard, PiiPatterns.CreditCard, HasDigit, PiiValidators.IsCreditCard),
        (PiiKind.Ssn, PiiPatterns.Ssn, t => t.Contains('-', StringComparison.Ordinal), null),
        (PiiKind.Phone, PiiPatterns.Phone, HasDigit, PiiValidators.IsPhone),
        (PiiKind.IpAddress, PiiPatterns.IPv6, t => t.Contains(':', StringComparison.Ordinal), PiiValidators.IsIPv6),
        (PiiKind.IpAddress, PiiPatterns.IPv4, t => t.Contains('.', StringComparison.Ordinal), null),
    ];

    /// <summary>The non-overlapping findings of the given kinds, in text order; where two overlap the earlier, then longer, wins.</summary>
    public static List<PiiMatch> Find(string text, PiiKind kinds = PiiKind.All)
    {
        var found = new List<PiiMatch>();
        if (text.Length < 7 || kinds == PiiKind.None)
        {
            return found;
        }

        foreach (var (kind, pattern, mayContain, valid) in Detectors)
        {
            if ((kinds & kind) == 0 || !mayContain(text))
            {
                continue;
            }

            foreach (var match in pattern().EnumerateMatches(text))
            {
                if (valid is null || valid(text.AsSpan(match.Index, match.Length)))
                {
                    found.Add(new PiiMatch(match.Index, match.Length, kind));
                }
            }
        }

        if ((kinds & PiiKind.Person) != 0)
        {
            PersonNames.AddTo(text, found);
        }

        return found.Count < 2 ? found : WithoutOverlaps(found);
    }

    private static bool HasDigit(string text) => text.AsSpan().ContainsAny(Digits);

    /// <summary>The findings of the given kinds, adjusted by a project's allow and deny lists.</summary>
    public static List<PiiMatch> Find(string text, PiiKind kinds, PiiLists lists)
    {
        var found = Find(text, kinds);
        return lists.IsEmpty || kinds == PiiKind.None ? found : lists.Apply(text, found);
    }

    internal static List<PiiMatch> WithoutOverlaps(List<PiiMatch> found)
    {
        found.Sort((a, b) => a.Index != b.Index ? a.Index.CompareTo(b.Index) : b.Length.CompareTo(a.Length));
        var kept = new List<PiiMatch>(found.Count);
        foreach (var match in found)
        {
            if (kept.Count == 0 || match.Index >= kept[^1].End)
            {
                kept.Add(match);
            }
        }

        return kept;
    }
}
