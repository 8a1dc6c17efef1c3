using System.Globalization;
using System.Security.Cryptography;

namespace Lantern.Silo.Onnx;

/// <summary>
/// Scores texts with a binary ONNX text classifier: the model takes the raw texts as a string tensor
/// <c>text</c> [N] and returns <c>probability</c> (N floats in 0..1, the chance of the positive class). One
/// instance per model is shared by every caller; <see cref="Score"/> and <see cref="ScoreBatch"/> are thread-safe.
/// </summary>
public sealed class OnnxTextClassifier : IDisposable
{
    public const string InputName = "text";
    public const string OutputName = "probability";

    /// <summary>The metadata key under which the training tool records the decision threshold it chose.</summary>
    public const string ThresholdKey = "threshold";

    private readonly OrtSession _session;

    private OnnxTextClassifier(OrtSession session, string modelPath, string modelSha256)
    {
        _session = session;
        ModelPath = modelPath;
        ModelSha256 = modelSha256;
        Threshold = float.TryParse(session.Metadata(ThresholdKey), NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold) ? threshold : null;
    }

    public string ModelPath { get; }

    /// <summary>SHA-256 of the model file (hex): names the exact model version a score came from.</summary>
    public string ModelSha256 { get; }

    /// <summary>The threshold the model was validated at (its <c>threshold</c> metadata), or null if it has none.</summary>
    public float? Threshold { get; }

    /// <summary>
    /// Loads the model at <paramref name="modelPath"/>. A missing, unreadable or invalid model (or one without the
    /// <c>text</c> → <c>probability</c> contract) throws <see cref="OnnxUnavailableException"/> saying which and why.
    /// </summary>
    public static OnnxTextClassifier Load(OrtRuntime runtime, string modelPath)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(modelPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OnnxUnavailableException($"ONNX model {Path.GetFullPath(modelPath)} cannot be read: {e.Message}", e);
        }
        OrtSession? session = null;
        try
        {
            session = new OrtSession(runtime, bytes, InputName, OutputName);
            var classifier = new OnnxTextClassifier(session, Path.GetFullPath(modelPath), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            // A first run checks the input/output contract now rather than on the first ingested trace.
            classifier.Score("lantern");
            return classifier;
        }
        catch (Exception e) when (e is OnnxRuntimeException or InvalidOperationException)
        {
            session?.Dispose();
            throw new OnnxUnavailableException($"ONNX model {Path.GetFullPath(modelPath)} cannot be used: {e.Message}", e);
        }
    }

    /// <summary>The probability that <paramref name="text"/> belongs to the positive class.</summary>
    public float Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<float> result = stackalloc float[1];
        _session.Run([text], result);
        return result[0];
    }

    /// <summary>Scores several texts in one run, which costs less per text than one run each.</summary>
    public float[] ScoreBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }
        var result = new float[texts.Count];
        _session.Run(texts, result);
        return result;
    }

    public void Dispose() => _session.Dispose();
}
