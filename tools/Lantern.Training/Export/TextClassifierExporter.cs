using Google.Protobuf;
using Lantern.Silo.Onnx;
using Lantern.Training.Features;
using Lantern.Training.Learning;
using Lantern.Training.Onnx;
using static Lantern.Training.Export.OnnxGraphBuilder;

namespace Lantern.Training.Export;

/// <summary>
/// Writes a trained classifier as an ONNX model that takes raw text: StringNormalizer (lower case) → Tokenizer
/// (words, characters) → TfIdfVectorizer per block (n-gram presence) → per block w·x/|x| with x = presence × IDF
/// → sum + intercept → Sigmoid. Input <c>text</c> string[N]; output <c>probability</c> float[N,1]. Only standard
/// ops plus ORT's built-in com.microsoft Tokenizer, so any ORT build runs it.
/// </summary>
internal static class TextClassifierExporter
{
    private const string Pad = "<pad>";

    public static byte[] Export(FeatureExtractor features, LogisticRegression model, string name, IReadOnlyDictionary<string, string> metadata)
    {
        var graph = new GraphProto { Name = name };
        graph.Input.Add(Value(OnnxTextClassifier.InputName, TensorProto.Types.DataType.String, [null]));
        graph.Output.Add(Value(OnnxTextClassifier.OutputName, TensorProto.Types.DataType.Float, null, 1));
        graph.Node.Add(Node("StringNormalizer", "lower", [OnnxTextClassifier.InputName], ["lower"], "",
            String("case_change_action", "LOWER"), Int("is_case_sensitive", 1), String("locale", "C.UTF-8")));
        var offset = 0;
        var logit = "";
        foreach (var block in features.Blocks)
        {
            var prefix = block.Chars ? "chars" : "words";
            var blockScore = AddBlock(graph, block, prefix, model.Weights.AsSpan(offset, block.Entries.Count));
            offset += block.Entries.Count;
            if (logit.Length == 0)
            {
                logit = blockScore;
            }
            else
            {
                graph.Node.Add(Node("Add", $"{prefix}_sum", [logit, blockScore], [$"{prefix}_sum"]));
                logit = $"{prefix}_sum";
            }
        }
        graph.Initializer.Add(FloatTensor("intercept", [1], [model.Bias]));
        graph.Node.Add(Node("Add", "logit", [logit, "intercept"], ["logit"]));
        graph.Node.Add(Node("Sigmoid", "probability", ["logit"], [OnnxTextClassifier.OutputName]));

        var onnx = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "lantern-training",
            ProducerVersion = "1",
            ModelVersion = 1,
            Graph = graph,
        };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.microsoft", Version = 1 });
        foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            onnx.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        return onnx.ToByteArray();
    }

    /// <summary>
    /// Adds one block and returns the name of its [N,1] contribution to the logit: w·x / |x|, where x is presence ×
    /// IDF. One MatMul of the binary presence vector with [w∘idf, idf²] yields both the dot product and the squared
    /// norm, so the wide vector is read once instead of being normalised, concatenated and multiplied.
    /// </summary>
    private static string AddBlock(GraphProto graph, NgramBlock block, string prefix, ReadOnlySpan<float> weights)
    {
        var tokenizer = block.Chars
            ? Strings("separators", [""])
            : String("tokenexp", TextTokens.WordPattern);
        graph.Node.Add(Node("Tokenizer", $"{prefix}_tokens", ["lower"], [$"{prefix}_tokens"], "com.microsoft",
            Int("mark", 1), String("pad_value", Pad), Int("mincharnum", 1), tokenizer));

        // Pool layout: every 1-gram, then every 2-gram, ...; ngram_counts[n-1] is where the n-grams start.
        var starts = new long[block.MaxN];
        var pool = new List<string>();
        for (var n = 1; n <= block.MaxN; n++)
        {
            starts[n - 1] = pool.Count;
            foreach (var entry in block.Entries.Where(e => e.Tokens.Length == n))
            {
                pool.AddRange(entry.Tokens);
            }
        }
        // Mode IDF without weights: 1 where the n-gram occurs, else 0.
        graph.Node.Add(Node("TfIdfVectorizer", $"{prefix}_presence", [$"{prefix}_tokens"], [$"{prefix}_presence"], "",
            String("mode", "IDF"), Int("min_gram_length", block.MinN), Int("max_gram_length", block.MaxN),
            Int("max_skip_count", 0), Ints("ngram_counts", starts), Ints("ngram_indexes", Enumerable.Range(0, block.Entries.Count).Select(i => (long)i)),
            Strings("pool_strings", pool)));

        var projection = new float[block.Entries.Count * 2];
        for (var j = 0; j < block.Entries.Count; j++)
        {
            var idf = block.Entries[j].Idf;
            projection[2 * j] = weights[j] * idf;
            projection[(2 * j) + 1] = idf * idf;
        }
        graph.Initializer.Add(FloatTensor($"{prefix}_projection", [block.Entries.Count, 2], projection));
        graph.Initializer.Add(FloatTensor($"{prefix}_eps", [1], [FeatureExtractor.Epsilon]));
        graph.Node.Add(Node("MatMul", $"{prefix}_projected", [$"{prefix}_presence", $"{prefix}_projection"], [$"{prefix}_projected"]));
        graph.Node.Add(Node("Split", $"{prefix}_split", [$"{prefix}_projected"], [$"{prefix}_dot", $"{prefix}_ss"], "", Int("axis", 1)));
        // dot / sqrt(sum of squares + eps): an empty block contributes 0 instead of NaN.
        graph.Node.Add(Node("Add", $"{prefix}_ss_eps", [$"{prefix}_ss", $"{prefix}_eps"], [$"{prefix}_ss_eps"]));
        graph.Node.Add(Node("Sqrt", $"{prefix}_norm", [$"{prefix}_ss_eps"], [$"{prefix}_norm"]));
        graph.Node.Add(Node("Div", $"{prefix}_score", [$"{prefix}_dot", $"{prefix}_norm"], [$"{prefix}_score"]));
        return $"{prefix}_score";
    }
}
