namespace Lantern.Training.Features;

/// <summary>
/// Character n-grams (3 to <see cref="MaxN"/>) as numbers, so that the graph builds them with one Conv instead of
/// string copies, and buckets instead of a vocabulary. Each character gets an id x from <see cref="Ids"/>: 1–254
/// for the <see cref="Alphabet"/> (the fit rows' most frequent characters, lower case) and every character of the
/// fit rows (or capital) that folds to one of them; 255 for any other; 0 past the end of the text.
/// The n-gram starting at position s (s = 0 .. length) is <c>g_n = Σ_{i&lt;n} 2^(8i)·x[s+i]</c>, so
/// g3 = x[s] + 2^8·x[s+1] + 2^16·x[s+2], g4 = g3 + 2^24·x[s+3], ...; its column is <c>g_n mod Size</c> (Size prime).
/// Windows that run past the end are kept: they say how the text ends; where one equals a shorter n-gram (g4 = g3
/// when x[s+3] = 0) presence counts it once.
/// </summary>
internal sealed class CharNgramBlock
{
    public const int MinN = 3;

    /// <summary>The id of characters outside the alphabet; ids are bytes so that Conv stays exact in float.</summary>
    public const int Other = 255;

    public CharNgramBlock(IReadOnlyList<string> alphabet, IEnumerable<string> seen, int maxN, int size)
    {
        if (alphabet.Count >= Other || maxN is < MinN or > 7)
        {
            // 7 bytes keep g_n within int64 and the Conv's first channel (3 ids) below 2^24.
            throw new ArgumentOutOfRangeException(nameof(maxN), "At most 254 characters and n-grams of 3 to 7 characters.");
        }
        Alphabet = alphabet;
        MaxN = maxN;
        Size = size;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < alphabet.Count; i++)
        {
            ids[alphabet[i]] = i + 1;
        }
        var capitals = alphabet.Select(c => c.ToUpperInvariant()).Where(c => c.EnumerateRunes().Count() == 1);
        foreach (var character in capitals.Concat(seen).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (ids.TryGetValue(TextTokens.Fold(character), out var id))
            {
                ids.TryAdd(character, id);
            }
        }
        Ids = ids;
    }

    /// <summary>The lower-case characters with their own id (id = position + 1).</summary>
    public IReadOnlyList<string> Alphabet { get; }

    /// <summary>Every character with an id below <see cref="Other"/>: the alphabet and what folds to it.</summary>
    public IReadOnlyDictionary<string, int> Ids { get; }

    public int MaxN { get; }

    /// <summary>The number of buckets (columns).</summary>
    public int Size { get; }

    /// <summary>The column of every n-gram of <paramref name="text"/>, repeats included, shortest n first.</summary>
    public IEnumerable<int> Columns(string text)
    {
        var x = TextTokens.Chars(text).Select(c => (long)Ids.GetValueOrDefault(c, Other)).ToArray();
        long At(int i) => i < x.Length ? x[i] : 0;
        for (var n = MinN; n <= MaxN; n++)
        {
            for (var s = 0; s <= x.Length; s++)
            {
                long g = 0;
                for (var i = 0; i < n; i++)
                {
                    g += At(s + i) << (8 * i);
                }
                yield return (int)(g % Size);
            }
        }
    }
}
