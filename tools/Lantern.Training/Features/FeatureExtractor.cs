namespace Lantern.Training.Features;

/// <summary>
/// Computes in C# exactly the feature vector the exported graph computes in ONNX Runtime: per block, the
/// binary presence of each kept n-gram times its IDF, divided by <c>sqrt(sum of squares + Epsilon)</c>; blocks
/// are concatenated (words first).
/// </summary>
internal sealed class FeatureExtractor(IReadOnlyList<NgramBlock> blocks)
{
    /// <summary>Keeps the norm of an empty block finite (an empty text gets the bias alone).</summary>
    public const float Epsilon = 1e-6f;

    public IReadOnlyList<NgramBlock> Blocks { get; } = blocks;

    public int Width => Blocks.Sum(b => b.Entries.Count);

    public SparseVector Extract(string text)
    {
        var lower = TextTokens.Lower(text);
        var indexes = new List<int>();
        var values = new List<float>();
        var offset = 0;
        foreach (var block in Blocks)
        {
            var present = new SortedSet<int>();
            var tokens = block.Tokenize(lower).ToArray();
            for (var n = block.MinN; n <= block.MaxN; n++)
            {
                for (var start = 0; start + n <= tokens.Length; start++)
                {
                    if (block.Index.TryGetValue(NgramBlock.Key(tokens.AsSpan(start, n)), out var column))
                    {
                        present.Add(column);
                    }
                }
            }
            var sumSquares = 0f;
            foreach (var column in present)
            {
                sumSquares += block.Entries[column].Idf * block.Entries[column].Idf;
            }
            var norm = MathF.Sqrt(sumSquares + Epsilon);
            foreach (var column in present)
            {
                indexes.Add(offset + column);
                values.Add(block.Entries[column].Idf / norm);
            }
            offset += block.Entries.Count;
        }
        return new SparseVector([.. indexes], [.. values]);
    }
}
