using System.Globalization;
using Lantern.Tests.Infrastructure;
using Lantern.Training.Data;
using Lantern.Training.Evaluation;
using Lantern.Training.Learning;

namespace Lantern.Tests.Onnx;

public sealed class ModelCardTests
{
    [Theory]
    [InlineData("prompt-injection", "data/injection/train.csv")]
    [InlineData("toxicity", "data/toxicity/train.csv")]
    public void The_cards_validation_figures_are_reproduced_by_scoring_the_held_out_rows_through_onnx_runtime(string name, string data)
    {
        var settings = new TrainingSettings();
        var rows = CsvReader.Read(Path.Combine(RepositoryRoot.Path, data));
        var (_, validation) = DataSplit.Split(rows, settings.HeldOutFraction, settings.Seed);
        var classifier = name == "toxicity" ? ShippedModels.Toxicity : ShippedModels.Injection;

        var scores = OrtScoring.Score(classifier, validation);
        var m = BinaryMetrics.Compute(scores, validation.Select(r => r.Label).ToList(), ShippedModels.Threshold(name));

        var expected = string.Create(CultureInfo.InvariantCulture,
            $"| validation ({m.Count}, {m.Positives} positive) | {m.Precision:F3} | {m.Recall:F3} | {m.F1:F3} | {m.RocAuc:F4} | {m.FalsePositiveRate:F3} | {m.Threshold:F3} |");
        var card = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "models", name + ".card.md"));
        Assert.Contains(expected, card);
    }
}
