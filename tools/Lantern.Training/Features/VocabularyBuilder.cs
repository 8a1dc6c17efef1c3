using Lantern.Training.Data;

namespace Lantern.Training.Features;

/// <summary>
/// Chooses a block's n-grams from the training rows: those in at least <c>minDocs</c> texts, ranked by how
/// unevenly they fall between the classes (chi-square on presence), best <c>size</c> kept; ties broken by the
/// n-gram itself so the choice is deterministic. IDF is scikit-learn's smoothed <c>ln((1+D)/(1+df))+1</c>.
/// </summary>
internal static class VocabularyBuilder
{
    /// <summary>Only the start of very long texts is counted: it bounds memory, and selection does not need more.</summary>
    private const int CountedChars = 4000;

    public static NgramBlock Build(IReadOnlyList<LabelledText> rows, bool chars, int minN, int maxN, int size, int minDocs)
    {
        var counts = new Dictionary<string, (string[] Tokens, int Positive, int Negative)>(StringComparer.Ordinal);
        var positives = rows.Count(r => r.Label == 1);
        var negatives = rows.Count - positives;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var text = row.Text.Length > CountedChars ? row.Text[..CountedChars] : row.Text;
            var lower = TextTokens.Lower(text);
            var tokens = (chars ? TextTokens.Chars(lower) : TextTokens.Words(lower)).ToArray();
            seen.Clear();
            for (var n = minN; n <= maxN; n++)
            {
                for (var start = 0; start + n <= tokens.Length; start++)
                {
                    var gram = tokens.AsSpan(start, n);
                    var key = NgramBlock.Key(gram);
                    if (!seen.Add(key) || !TextTokens.Usable(gram))
                    {
                        continue;
                    }
                    counts.TryGetValue(key, out var c);
                    counts[key] = (c.Tokens ?? gram.ToArray(), c.Positive + row.Label, c.Negative + (1 - row.Label));
                }
            }
        }
        var chosen = counts
            .Where(kv => kv.Value.Positive + kv.Value.Negative >= minDocs)
            .Select(kv => (kv.Key, kv.Value.Tokens, Df: kv.Value.Positive + kv.Value.Negative,
                Score: ChiSquare(kv.Value.Positive, kv.Value.Negative, positives, negatives)))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(size)
            .OrderBy(c => c.Tokens.Length).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Tokens, (float)(Math.Log((1.0 + rows.Count) / (1.0 + c.Df)) + 1.0)))
            .ToList();
        return new NgramBlock(chars, minN, maxN, chosen);
    }

    private static double ChiSquare(int a, int b, int positives, int negatives)
    {
        // 2x2 table: n-gram present/absent × positive/negative.
        double c = positives - a, d = negatives - b, n = positives + negatives;
        var numerator = n * Math.Pow((a * d) - (b * c), 2);
        var denominator = (double)(a + b) * (c + d) * positives * negatives;
        return denominator == 0 ? 0 : numerator / denominator;
    }
}
