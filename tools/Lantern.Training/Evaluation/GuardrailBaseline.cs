using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lantern.Training.Evaluation;

/// <summary>
/// The comparison baseline, llm_guardrail's prompt-injection TF-IDF + logistic regression (ISC, by Frank2006x;
/// see shared/models/llm-guardrail-tfidf-lr/SOURCE.md): lower-case, <c>\b\w\w+\b</c> tokens, unigrams and
/// bigrams, raw tf × idf, L2 norm, sigmoid of the linear score. Used only to put its figures in the model card.
/// </summary>
internal sealed partial class GuardrailBaseline
{
    private readonly Dictionary<string, int> _vocabulary;
    private readonly double[] _idf;
    private readonly double[] _coefficients;
    private readonly double _intercept;

    public GuardrailBaseline(string jsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
        var root = document.RootElement;
        _vocabulary = root.GetProperty("vocabulary").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
        _idf = root.GetProperty("idf").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        _coefficients = root.GetProperty("coefficients")[0].EnumerateArray().Select(e => e.GetDouble()).ToArray();
        _intercept = root.GetProperty("intercept")[0].GetDouble();
    }

    public float Score(string text)
    {
        var tokens = TokenRegex().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToArray();
        var tf = new Dictionary<int, double>();
        for (var i = 0; i < tokens.Length; i++)
        {
            Count(tokens[i], tf);
            if (i + 1 < tokens.Length)
            {
                Count(tokens[i] + " " + tokens[i + 1], tf);
            }
        }
        var norm = Math.Sqrt(tf.Sum(kv => Math.Pow(kv.Value * _idf[kv.Key], 2)));
        var z = _intercept + tf.Sum(kv => _coefficients[kv.Key] * kv.Value * _idf[kv.Key] / (norm == 0 ? 1 : norm));
        return (float)(1 / (1 + Math.Exp(-z)));
    }

    private void Count(string gram, Dictionary<int, double> tf)
    {
        if (_vocabulary.TryGetValue(gram, out var column))
        {
            tf[column] = tf.GetValueOrDefault(column) + 1;
        }
    }

    [GeneratedRegex(@"\b\w\w+\b")]
    private static partial Regex TokenRegex();
}
