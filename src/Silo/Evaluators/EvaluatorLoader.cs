using Lantern.Silo.Onnx;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Evaluators;

/// <summary>
/// Loads ONNX Runtime and the models. Any failure disables the evaluators with one clear log line; ingestion never
/// depends on them.
/// </summary>
internal static partial class EvaluatorLoader
{
    private static readonly (string Name, string File)[] Models = [("prompt_injection", "prompt-injection.onnx"), ("toxicity", "toxicity.onnx")];

    public static EvaluatorSet Load(EvaluatorOptions options, ILogger logger)
    {
        if (!options.Enabled)
        {
            return Disabled(logger, "LANTERN_EVALUATORS=off");
        }

        var directory = ModelsDirectory(options.ModelsDirectory);
        var loaded = new List<Evaluator>();
        try
        {
            var runtime = OrtRuntime.Load(options.LibraryPath);
            foreach (var (name, file) in Models)
            {
                var classifier = OnnxTextClassifier.Load(runtime, Path.Combine(directory, file));
                loaded.Add(new Evaluator(name, classifier, classifier.Threshold ?? 0.5f));
            }
        }
        catch (Exception exception) when (exception is OnnxUnavailableException or OnnxRuntimeException)
        {
            new EvaluatorSet(loaded, null).Dispose();
            return Disabled(logger, exception.Message);
        }

        var set = new EvaluatorSet(loaded, null);
        LogEnabled(logger, string.Join(", ", loaded.Select(e => $"{e.Name} (threshold {e.Threshold:0.###}, sha256 {e.Classifier.ModelSha256[..12]})")), directory);
        return set;
    }

    /// <summary>LANTERN_MODELS_DIR, else models/ next to the app (copied at build), else the repository's models/.</summary>
    internal static string ModelsDirectory(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "models");
                if (File.Exists(Path.Combine(candidate, Models[0].File)))
                {
                    return candidate;
                }
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "models");
    }

    private static EvaluatorSet Disabled(ILogger logger, string reason)
    {
        LogDisabled(logger, reason);
        return new EvaluatorSet([], reason);
    }

    [LoggerMessage(LogLevel.Information, "Evaluators on: {Evaluators}, models from {Directory}")]
    private static partial void LogEnabled(ILogger logger, string evaluators, string directory);

    [LoggerMessage(LogLevel.Warning, "Evaluators disabled (ingestion is unaffected): {Reason}")]
    private static partial void LogDisabled(ILogger logger, string reason);
}
