using Lantern.Silo.Onnx;
using Lantern.Training.Evaluation;
using Lantern.Training.Learning;

namespace Lantern.Training;

/// <summary>The figures a model card reports, gathered while training and re-scoring through ONNX Runtime.</summary>
internal sealed class ModelCardData(ModelTask task, TrainingSettings settings, TrainedClassifier trained, string sha256, TimeSpan trainingTime)
{
    public ModelTask Task { get; } = task;
    public TrainingSettings Settings { get; } = settings;
    public TrainedClassifier Trained { get; } = trained;
    public string Sha256 { get; } = sha256;
    public TimeSpan TrainingTime { get; } = trainingTime;
    public BinaryMetrics? Validation { get; private set; }
    public double MaxTrainerDifference { get; private set; }
    public BinaryMetrics? Probe { get; set; }
    public BinaryMetrics? PlainValidation { get; set; }
    public BinaryMetrics? PlainProbe { get; set; }
    public BinaryMetrics? Baseline { get; set; }
    public int LongBenignCount { get; set; }
    public int LongBenignFlagged { get; set; }
    public int PlainLongBenignFlagged { get; set; }
    public IReadOnlyList<float> SpotCheckScores { get; private set; } = [];

    /// <summary>Validation figures from ORT's scores; the trainer's own arithmetic is only compared against them.</summary>
    public void Evaluate(OnnxTextClassifier classifier, TrainedClassifier trained)
    {
        var scores = OrtScoring.Score(classifier, trained.Validation);
        Validation = BinaryMetrics.Compute(scores, TrainCommand.Labels(trained.Validation), trained.Threshold);
        MaxTrainerDifference = trained.Validation
            .Select((r, i) => Math.Abs(trained.Model.Predict(trained.Features.Extract(r.Text)) - scores[i]))
            .DefaultIfEmpty(0).Max();
        SpotCheckScores = classifier.ScoreBatch(Task.SpotChecks.Select(c => c.Text).ToList());
    }
}
