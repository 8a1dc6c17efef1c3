using System.Text.Json;

namespace Lantern.Grains.Pii;

/// <summary>
/// A project's own exceptions to the detector: <c>allow</c> values are never treated as personal data (a support address
/// the product prints everywhere), <c>deny</c> terms always are (code names, customer names the patterns cannot know),
/// found case-insensitively as the kind <c>CUSTOM</c>. Literal strings, not patterns, so a list cannot slow ingestion down.
/// </summary>
public sealed record PiiLists(IReadOnlyList<string> Allow, IReadOnlyList<string> Deny)
{
    public const int MaxEntries = 1000;
    public const int MaxLength = 200;

    public static readonly PiiLists None = new([], []);

    public bool IsEmpty => Allow.Count == 0 && Deny.Count == 0;

    /// <summary>Reads <c>allow</c> and <c>deny</c> from a policy object (both optional); the error otherwise.</summary>
    public static string? TryParse(JsonElement policy, out PiiLists lists)
    {
        lists = None;
        var (allow, allowError) = Read(policy, "allow");
        var (deny, denyError) = Read(policy, "deny");
        if ((allowError ?? denyError) is { } error)
        {
            return error;
        }

        lists = allow.Length == 0 && deny.Length == 0 ? None : new PiiLists(allow, deny);
        return null;
    }

    // By content, so a policy read back from storage equals the one stored.
    public bool Equals(PiiLists? other) =>
        other is not null && Allow.SequenceEqual(other.Allow, StringComparer.Ordinal) && Deny.SequenceEqual(other.Deny, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Allow.Count, Deny.Count, Allow.FirstOrDefault(), Deny.FirstOrDefault());

    /// <summary>The findings without allowed values, plus every occurrence of a denied term, without overlaps.</summary>
    public List<PiiMatch> Apply(string text, List<PiiMatch> found)
    {
        found.RemoveAll(m => Allow.Any(a => text.AsSpan(m.Index, m.Length).Equals(a, StringComparison.OrdinalIgnoreCase)));
        foreach (var term in Deny)
        {
            for (var at = text.IndexOf(term, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(term, at + term.Length, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(new PiiMatch(at, term.Length, PiiKind.Custom));
            }
        }

        return PiiDetector.WithoutOverlaps(found);
    }

    private static (string[] Values, string? Error) Read(JsonElement policy, string name)
    {
        if (!policy.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return ([], null);
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > MaxEntries
            || list.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || v.GetString()!.Trim().Length is 0 or > MaxLength))
        {
            return ([], $"{name}: expected an array of at most {MaxEntries} non-empty strings of at most {MaxLength} characters");
        }

        return ([.. list.EnumerateArray().Select(v => v.GetString()!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)], null);
    }
}
