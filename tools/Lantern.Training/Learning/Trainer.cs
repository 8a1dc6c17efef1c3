using System.Globalization;
using Lantern.Silo.Onnx;
using Lantern.Training.Augmentation;
using Lantern.Training.Data;
using Lantern.Training.Evaluation;
using Lantern.Training.Export;
using Lantern.Training.Features;

namespace Lantern.Training.Learning;

/// <summary>
/// Trains one classifier: a grouped, seeded split into fit / tuning / validation rows; n-gram bucket IDFs and
/// weights from the fit rows only (plus augmentation when asked); the threshold that maximises F1 on the
/// tuning rows; validation is left untouched for the model card.
/// </summary>
internal static class Trainer
{
    public static TrainedClassifier Train(IReadOnlyList<LabelledText> rows, TrainingSettings settings, string name)
    {
        var (train, validation) = DataSplit.Split(rows, settings.HeldOutFraction, settings.Seed);
        var (fit, tuning) = DataSplit.Split(train, settings.TuningFraction, settings.Seed + 1);
        var augmented = settings.Augment ? InjectionAugmenter.ForTraining(fit, settings.Seed + 2) : [];
        var fitRows = fit.Concat(augmented).ToList();

        var features = IdfBuilder.Build(fitRows, settings.CharMaxN, settings.CharBuckets, settings.MinDocs);
        var x = fitRows.Select(r => features.Extract(r.Text)).ToList();
        var model = new LogisticRegression(features.Width);
        model.Fit(x, fitRows.Select(r => r.Label).ToList(), settings);

        var tuningScores = tuning.Select(r => model.Predict(features.Extract(r.Text))).ToList();
        var threshold = BinaryMetrics.BestThreshold(tuningScores, tuning.Select(r => r.Label).ToList());
        var metadata = new Dictionary<string, string>
        {
            ["name"] = name,
            [OnnxTextClassifier.ThresholdKey] = threshold.ToString("R", CultureInfo.InvariantCulture),
            ["seed"] = settings.Seed.ToString(CultureInfo.InvariantCulture),
            ["buckets"] = features.Width.ToString(CultureInfo.InvariantCulture),
        };
        var onnx = TextClassifierExporter.Export(features, model, name, metadata);
        return new TrainedClassifier(onnx, threshold, features, model, fitRows, validation, augmented.Count);
    }
}
