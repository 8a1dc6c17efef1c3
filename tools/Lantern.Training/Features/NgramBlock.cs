namespace Lantern.Training.Features;

/// <summary>
/// One feature block: the n-grams of one token kind (words or characters) the model keeps, in the exported
/// pool order (by n, then ordinal), each with its IDF weight. Block features are binary presence × IDF,
/// scaled to unit length, so a long text does not score higher just by containing more n-grams.
/// </summary>
internal sealed class NgramBlock
{
    public NgramBlock(bool chars, int minN, int maxN, IReadOnlyList<(string[] Tokens, float Idf)> entries)
    {
        Chars = chars;
        MinN = minN;
        MaxN = maxN;
        Entries = entries;
        Index = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            Index.Add(Key(entries[i].Tokens), i);
        }
    }

    public bool Chars { get; }

    public int MinN { get; }

    public int MaxN { get; }

    public IReadOnlyList<(string[] Tokens, float Idf)> Entries { get; }

    public Dictionary<string, int> Index { get; }

    public List<string> Tokenize(string lower) => Chars ? TextTokens.Chars(lower) : TextTokens.Words(lower);

    public static string Key(ReadOnlySpan<string> tokens) => string.Join(' ', tokens);
}
