using Lantern.Training.Bench;

namespace Lantern.Training;

/// <summary>The command line: <c>train</c> writes models/ from data/; <c>bench</c> measures scoring speed.</summary>
internal static class Cli
{
    public static int Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["train", .. var rest] => TrainCommand.Run(Option(rest, "--repo") ?? ".", Option(rest, "--baseline")),
                ["bench", .. var rest] => EvaluatorBench.Run(Option(rest, "--repo") ?? ".", int.Parse(Option(rest, "--threads") ?? "2", System.Globalization.CultureInfo.InvariantCulture)),
                ["score", var model, .. var texts] when texts.Length > 0 => Score(model, texts),
                _ => Usage(),
            };
        }
        catch (Exception e) when (e is InvalidDataException or IOException or Silo.Onnx.OnnxUnavailableException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    private static int Score(string model, string[] texts)
    {
        using var classifier = Silo.Onnx.OnnxTextClassifier.Load(Silo.Onnx.OrtRuntime.LoadFromEnvironment(), model);
        foreach (var (text, score) in texts.Zip(classifier.ScoreBatch(texts)))
        {
            Console.WriteLine(System.FormattableString.Invariant($"{score:F4}\t{text}"));
        }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Lantern.Training train [--repo DIR] [--baseline llm_guardrail.json]   (reads DIR/data, writes DIR/models; needs LANTERN_ONNXRUNTIME_PATH)");
        Console.Error.WriteLine("       Lantern.Training bench [--repo DIR] [--threads N]");
        Console.Error.WriteLine("       Lantern.Training score MODEL.onnx TEXT...");
        return 2;
    }
}
