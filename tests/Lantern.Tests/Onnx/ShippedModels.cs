using Lantern.Silo.Onnx;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Onnx;

/// <summary>
/// The real ONNX Runtime (LANTERN_ONNXRUNTIME_PATH, set by test.sh) and the models shipped in models/, loaded
/// once per test run and shared, as the evaluators share them.
/// </summary>
public static class ShippedModels
{
    private static readonly Lazy<OnnxTextClassifier> LazyInjection = new(() => OnnxTextClassifier.Load(Runtime, PathOf("prompt-injection")));
    private static readonly Lazy<OnnxTextClassifier> LazyToxicity = new(() => OnnxTextClassifier.Load(Runtime, PathOf("toxicity")));

    public static OrtRuntime Runtime => OrtRuntime.LoadFromEnvironment();

    public static OnnxTextClassifier Injection => LazyInjection.Value;

    public static OnnxTextClassifier Toxicity => LazyToxicity.Value;

    public static string PathOf(string name) => Path.Combine(RepositoryRoot.Path, "models", name + ".onnx");

    /// <summary>The decision threshold the training tool chose, read back through ORT from the model's metadata.</summary>
    public static float Threshold(string name) => (name == "toxicity" ? Toxicity : Injection).Threshold
        ?? throw new InvalidOperationException($"models/{name}.onnx carries no threshold metadata.");
}
