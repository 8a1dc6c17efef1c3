using Lantern.Silo.Onnx;
using Lantern.Training.Data;

namespace Lantern.Training.Evaluation;

/// <summary>Scores rows with a written model through ONNX Runtime, in batches, as Lantern will at run time.</summary>
internal static class OrtScoring
{
    public static List<float> Score(OnnxTextClassifier classifier, IReadOnlyList<LabelledText> rows, int batchSize = 64)
    {
        var scores = new List<float>(rows.Count);
        for (var start = 0; start < rows.Count; start += batchSize)
        {
            var batch = rows.Skip(start).Take(batchSize).Select(r => r.Text).ToList();
            scores.AddRange(classifier.ScoreBatch(batch));
        }
        return scores;
    }
}
