using Google.Protobuf;
using Lantern.Silo.Onnx;
using Lantern.Training.Features;
using Lantern.Training.Learning;
using Lantern.Training.Onnx;
using static Lantern.Training.Export.OnnxGraphBuilder;

namespace Lantern.Training.Export;

/// <summary>
/// Writes a trained classifier as an ONNX model that takes raw text and builds no dense vector, so a run costs what
/// the text's length costs. A Loop scores one text per iteration (no padding: a batch costs the sum of its texts):
/// Tokenizer (characters) → LabelEncoder (character ids, folding case) → one
/// Conv + MatMul (every n-gram's number) → Mod (bucket) → com.microsoft Unique (presence, not counts) → Gather
/// [w·idf, idf²] → sums → w·x/|x| + intercept → Sigmoid. Input <c>text</c> string[N]; output <c>probability</c>
/// float[N,1]. Standard ops plus ORT's built-in com.microsoft Tokenizer and Unique.
/// </summary>
internal static class TextClassifierExporter
{
    public static byte[] Export(FeatureExtractor features, LogisticRegression model, string name, IReadOnlyDictionary<string, string> metadata)
    {
        var graph = new GraphProto { Name = name };
        graph.Input.Add(Value(OnnxTextClassifier.InputName, TensorProto.Types.DataType.String, [null]));
        graph.Output.Add(Value(OnnxTextClassifier.OutputName, TensorProto.Types.DataType.Float, null, 1));
        graph.Node.Add(Node("Shape", "n", [OnnxTextClassifier.InputName], ["n"]));
        graph.Node.Add(Node("Squeeze", "trips", ["n"], ["trips"]));

        // The body sees the outer graph's values and initializers (the input, the tables).
        var body = new GraphProto { Name = "score_one" };
        body.Input.Add(Value("i", TensorProto.Types.DataType.Int64));
        body.Input.Add(Value("cond_in", TensorProto.Types.DataType.Bool));
        body.Output.Add(Value("cond_out", TensorProto.Types.DataType.Bool));
        body.Output.Add(Value("one_probability", TensorProto.Types.DataType.Float, 1));
        body.Node.Add(Node("Identity", "cond_out", ["cond_in"], ["cond_out"]));
        graph.Initializer.Add(Int64Tensor("axis0", [1], [0]));
        body.Node.Add(Node("Unsqueeze", "index", ["i", "axis0"], ["index"]));
        body.Node.Add(Node("Gather", "one_text", [OnnxTextClassifier.InputName, "index"], ["one_text"], "", Int("axis", 0)));
        AddNgrams(graph, body, features.Ngrams);
        AddScore(graph, body, features, model);
        graph.Node.Add(Node("Loop", "texts", ["trips", ""], [OnnxTextClassifier.OutputName], "", Graph("body", body)));

        var onnx = new ModelProto
        {
            IrVersion = 9,
            ProducerName = "lantern-training",
            ProducerVersion = "2",
            ModelVersion = 2,
            Graph = graph,
        };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 20 });
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.microsoft", Version = 1 });
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "ai.onnx.ml", Version = 3 });
        foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            onnx.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        return onnx.ToByteArray();
    }

    /// <summary>
    /// The columns of every n-gram of <c>one_text</c> ([1]) as <c>columns</c> (int64, 1-D), see
    /// <see cref="CharNgramBlock"/>: one Conv computes, per position, the first three ids' number and each later id
    /// alone (exact: integers below 2^24 in float), one MatMul in int64 adds them up per n.
    /// </summary>
    private static void AddNgrams(GraphProto graph, GraphProto body, CharNgramBlock ngrams)
    {
        body.Node.Add(Node("Tokenizer", "chars", ["one_text"], ["chars"], "com.microsoft",
            Int("mark", 0), String("pad_value", "<pad>"), Int("mincharnum", 1), Strings("separators", [""])));
        var ids = ngrams.Ids.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        body.Node.Add(Node("LabelEncoder", "char_ids", ["chars"], ["char_ids"], "ai.onnx.ml",
            Strings("keys_strings", ids.Select(kv => kv.Key)), Ints("values_int64s", ids.Select(kv => (long)kv.Value)),
            Int("default_int64", CharNgramBlock.Other)));
        body.Node.Add(Node("Cast", "char_values", ["char_ids"], ["char_values"], "", Int("to", (long)TensorProto.Types.DataType.Float)));
        // One id 0 after the text: the windows starting at the end, and a non-empty input to Conv for an empty text.
        graph.Initializer.Add(FloatTensor("text_end", [1, 1], [0]));
        body.Node.Add(Node("Concat", "char_values_end", ["char_values", "text_end"], ["char_values_end"], "", Int("axis", 1)));
        graph.Initializer.Add(Int64Tensor("signal_shape", [3], [1, 1, -1]));
        body.Node.Add(Node("Reshape", "char_signal", ["char_values_end", "signal_shape"], ["char_signal"]));

        // Channels: x[s] + 2^8·x[s+1] + 2^16·x[s+2], then x[s+3] .. x[s+MaxN-1] alone; zeros past the end.
        var width = ngrams.MaxN;
        var channels = ngrams.MaxN - CharNgramBlock.MinN + 1;
        var kernel = new float[channels * width];
        kernel[0] = 1;
        kernel[1] = 256;
        kernel[2] = 65536;
        for (var k = 1; k < channels; k++)
        {
            kernel[(k * width) + k + 2] = 1;
        }
        graph.Initializer.Add(FloatTensor("char_kernel", [channels, 1, width], kernel));
        body.Node.Add(Node("Conv", "char_channels", ["char_signal", "char_kernel"], ["char_channels"], "",
            Ints("kernel_shape", [width]), Ints("pads", [0, width - 1])));
        body.Node.Add(Node("Cast", "char_parts", ["char_channels"], ["char_parts"], "", Int("to", (long)TensorProto.Types.DataType.Int64)));
        // Row n-3: g_n = channel 0 + Σ_{k=1..n-3} 2^(8(k+2))·channel k.
        var combine = new long[channels * channels];
        for (var row = 0; row < channels; row++)
        {
            for (var k = 0; k <= row; k++)
            {
                combine[(row * channels) + k] = k == 0 ? 1 : 1L << (8 * (k + 2));
            }
        }
        graph.Initializer.Add(Int64Tensor("char_combine", [channels, channels], combine));
        body.Node.Add(Node("MatMul", "grams", ["char_combine", "char_parts"], ["grams"]));
        graph.Initializer.Add(Int64Tensor("flat", [1], [-1]));
        body.Node.Add(Node("Reshape", "gram_list", ["grams", "flat"], ["gram_list"]));
        graph.Initializer.Add(Int64Tensor("buckets", [1], [ngrams.Size]));
        body.Node.Add(Node("Mod", "columns", ["gram_list", "buckets"], ["columns"]));
    }

    /// <summary>
    /// Distinct columns (com.microsoft Unique: floats, exact below 2^24, hashed rather than sorted) → Gather
    /// [w·idf, idf²] → sums → dot / sqrt(sum of squares + eps) + intercept → Sigmoid.
    /// </summary>
    private static void AddScore(GraphProto graph, GraphProto body, FeatureExtractor features, LogisticRegression model)
    {
        body.Node.Add(Node("Cast", "columns_float", ["columns"], ["columns_float"], "", Int("to", (long)TensorProto.Types.DataType.Float)));
        body.Node.Add(Node("Unique", "present_float", ["columns_float"], ["present_float", "present_where", "present_counts"], "com.microsoft"));
        body.Node.Add(Node("Cast", "present", ["present_float"], ["present"], "", Int("to", (long)TensorProto.Types.DataType.Int64)));
        var table = new float[features.Width * 2];
        for (var j = 0; j < features.Width; j++)
        {
            table[2 * j] = model.Weights[j] * features.Idf[j];
            table[(2 * j) + 1] = features.Idf[j] * features.Idf[j];
        }
        graph.Initializer.Add(FloatTensor("table", [features.Width, 2], table));
        body.Node.Add(Node("Gather", "terms", ["table", "present"], ["terms"], "", Int("axis", 0)));
        body.Node.Add(Node("ReduceSum", "sums", ["terms", "axis0"], ["sums"], "", Int("keepdims", 0)));
        body.Node.Add(Node("Split", "split", ["sums"], ["dot", "squares"], "", Int("axis", 0), Int("num_outputs", 2)));
        graph.Initializer.Add(FloatTensor("eps", [1], [FeatureExtractor.Epsilon]));
        body.Node.Add(Node("Add", "squares_eps", ["squares", "eps"], ["squares_eps"]));
        body.Node.Add(Node("Sqrt", "norm", ["squares_eps"], ["norm"]));
        body.Node.Add(Node("Div", "score", ["dot", "norm"], ["score"]));
        graph.Initializer.Add(FloatTensor("intercept", [1], [model.Bias]));
        body.Node.Add(Node("Add", "logit", ["score", "intercept"], ["logit"]));
        body.Node.Add(Node("Sigmoid", "one_probability", ["logit"], ["one_probability"]));
    }
}
