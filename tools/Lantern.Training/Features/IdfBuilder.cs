using Lantern.Training.Data;

namespace Lantern.Training.Features;

/// <summary>
/// Chooses the alphabet (the fit rows' 254 most frequent characters, folded to lower case) and weighs the n-gram
/// buckets: scikit-learn's smoothed IDF <c>ln((1+D)/(1+df))+1</c> for buckets in at least <c>minDocs</c> fit texts,
/// 0 (ignored) for the rest, so one-off n-grams neither get a weight nor dilute a text's norm.
/// </summary>
internal static class IdfBuilder
{
    /// <summary>Only the start of very long texts is counted: it bounds the time, and document frequency does not need more.</summary>
    private const int CountedChars = 4000;

    public static FeatureExtractor Build(IReadOnlyList<LabelledText> rows, int maxN, int buckets, int minDocs)
    {
        var texts = rows.Select(r => r.Text.Length > CountedChars ? r.Text[..CountedChars] : r.Text).ToList();
        var seen = texts.SelectMany(TextTokens.Chars).Distinct(StringComparer.Ordinal).ToList();
        var ngrams = new CharNgramBlock(Alphabet(texts), seen, maxN, buckets);
        var df = new int[buckets];
        foreach (var text in texts)
        {
            foreach (var column in ngrams.Columns(text).Distinct())
            {
                df[column]++;
            }
        }
        var idf = new float[buckets];
        for (var j = 0; j < buckets; j++)
        {
            idf[j] = df[j] >= minDocs ? (float)(Math.Log((1.0 + rows.Count) / (1.0 + df[j])) + 1.0) : 0f;
        }
        return new FeatureExtractor(ngrams, idf);
    }

    /// <summary>The most frequent characters of the texts once folded to lower case (ties by ordinal), most frequent first.</summary>
    private static List<string> Alphabet(IEnumerable<string> texts) => texts
        .SelectMany(TextTokens.Chars)
        .Select(TextTokens.Fold)
        .GroupBy(c => c, StringComparer.Ordinal)
        .Select(g => (Char: g.Key, Count: g.Count()))
        .OrderByDescending(c => c.Count).ThenBy(c => c.Char, StringComparer.Ordinal)
        .Take(CharNgramBlock.Other - 1)
        .Select(c => c.Char)
        .ToList();
}
