using Lantern.Silo.Onnx;

namespace Lantern.Silo.Evaluators;

/// <summary>One loaded classifier under its score name, with the threshold that turns a probability into a verdict.</summary>
public sealed record Evaluator(string Name, OnnxTextClassifier Classifier, float Threshold)
{
    public const string Flagged = "flagged";
    public const string Clean = "clean";

    public string Verdict(float probability) => probability >= Threshold ? Flagged : Clean;
}
