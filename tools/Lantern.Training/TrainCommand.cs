using System.Diagnostics;
using Lantern.Silo.Onnx;
using Lantern.Training.Augmentation;
using Lantern.Training.Data;
using Lantern.Training.Evaluation;
using Lantern.Training.Learning;

namespace Lantern.Training;

/// <summary>
/// <c>train</c>: trains the prompt-injection and toxicity models from data/, writes models/*.onnx, re-scores the
/// held-out validation rows through ONNX Runtime and writes those figures into models/*.card.md.
/// </summary>
internal static class TrainCommand
{
    /// <summary>How far ORT's score may be from the trainer's own on any validation row (float rounding only).</summary>
    private const double MaxTrainerDifference = 1e-4;

    public static int Run(string repo, string? baselinePath)
    {
        var runtime = OrtRuntime.LoadFromEnvironment();
        var models = Path.Combine(repo, "models");
        Directory.CreateDirectory(models);
        foreach (var task in ModelTask.All)
        {
            var clock = Stopwatch.StartNew();
            var rows = CsvReader.Read(Path.Combine(repo, task.DataPath));
            var settings = new TrainingSettings { Augment = task.Augment };
            var trained = Trainer.Train(rows, settings, task.Name);
            var modelPath = Path.Combine(models, task.Name + ".onnx");
            File.WriteAllBytes(modelPath, trained.Onnx);
            using var classifier = OnnxTextClassifier.Load(runtime, modelPath);
            var card = new ModelCardData(task, settings, trained, classifier.ModelSha256, clock.Elapsed);
            card.Evaluate(classifier, trained);
            if (card.MaxTrainerDifference > MaxTrainerDifference)
            {
                // The graph and the trainer's features disagree: the weights were learnt for other features than ORT computes.
                throw new InvalidDataException($"{task.Name}: ONNX Runtime's scores differ from the trainer's by up to {card.MaxTrainerDifference:E1} on the validation rows (allowed {MaxTrainerDifference:E0}); the exported graph does not compute the trainer's features.");
            }
            if (task.Augment)
            {
                CompareAugmentation(card, classifier, rows, settings, trained);
            }
            if (baselinePath is not null && task.Augment)
            {
                var baseline = new GuardrailBaseline(baselinePath);
                card.Baseline = BinaryMetrics.Compute(trained.Validation.Select(r => baseline.Score(r.Text)).ToList(), Labels(trained.Validation), 0.5f);
            }
            File.WriteAllText(Path.Combine(models, task.Name + ".card.md"), ModelCard.Render(card));
            Console.WriteLine(ModelCard.Summary(card));
        }
        return 0;
    }

    /// <summary>Trains once more without augmentation to show what it changes, on validation and on the probe.</summary>
    private static void CompareAugmentation(ModelCardData card, OnnxTextClassifier classifier, IReadOnlyList<LabelledText> rows, TrainingSettings settings, TrainedClassifier trained)
    {
        var probe = InjectionAugmenter.ForProbe(trained.Validation, settings.Seed + 3);
        card.Probe = BinaryMetrics.Compute(OrtScoring.Score(classifier, probe), Labels(probe), trained.Threshold);
        var plain = Trainer.Train(rows, settings with { Augment = false }, card.Task.Name);
        float Plain(LabelledText r) => plain.Model.Predict(plain.Features.Extract(r.Text));
        card.PlainValidation = BinaryMetrics.Compute(plain.Validation.Select(Plain).ToList(), Labels(plain.Validation), plain.Threshold);
        card.PlainProbe = BinaryMetrics.Compute(probe.Select(Plain).ToList(), Labels(probe), plain.Threshold);
        var longBenign = trained.Validation.Where(r => r.Label == 0 && r.Text.Length >= 500).ToList();
        card.LongBenignCount = longBenign.Count;
        card.LongBenignFlagged = OrtScoring.Score(classifier, longBenign).Count(s => s >= trained.Threshold);
        card.PlainLongBenignFlagged = longBenign.Count(r => Plain(r) >= plain.Threshold);
    }

    public static List<int> Labels(IReadOnlyList<LabelledText> rows) => rows.Select(r => r.Label).ToList();
}
