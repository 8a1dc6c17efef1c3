namespace Lantern.Training.Features;

/// <summary>
/// Computes in C# exactly the feature vector the exported graph computes in ONNX Runtime: the binary presence of
/// each character n-gram bucket times its IDF, divided by <c>sqrt(sum of squares + Epsilon)</c>, so that neither
/// length nor repetition is rewarded. Buckets whose IDF is 0 (too rare in the fit rows) weigh nothing, in the norm too.
/// </summary>
internal sealed class FeatureExtractor(CharNgramBlock ngrams, float[] idf)
{
    /// <summary>Keeps the norm of an empty vector finite (a text without weighted n-grams gets the bias alone).</summary>
    public const float Epsilon = 1e-6f;

    public CharNgramBlock Ngrams { get; } = ngrams;

    /// <summary>The IDF of every column; 0 for buckets the model ignores.</summary>
    public float[] Idf { get; } = idf;

    public int Width => Idf.Length;

    public SparseVector Extract(string text)
    {
        var present = new SortedSet<int>(Ngrams.Columns(text).Where(c => Idf[c] > 0));
        var sumSquares = 0f;
        foreach (var column in present)
        {
            sumSquares += Idf[column] * Idf[column];
        }
        var norm = MathF.Sqrt(sumSquares + Epsilon);
        return new SparseVector([.. present], [.. present.Select(c => Idf[c] / norm)]);
    }
}
