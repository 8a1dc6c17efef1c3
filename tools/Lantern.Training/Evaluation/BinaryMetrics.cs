namespace Lantern.Training.Evaluation;

/// <summary>Validation figures of a binary classifier at one threshold, plus the threshold-free ROC-AUC.</summary>
internal sealed record BinaryMetrics(int Count, int Positives, float Threshold, double Precision, double Recall, double F1, double RocAuc, double FalsePositiveRate)
{
    public static BinaryMetrics Compute(IReadOnlyList<float> scores, IReadOnlyList<int> labels, float threshold)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var flagged = scores[i] >= threshold;
            if (labels[i] == 1)
            {
                tp += flagged ? 1 : 0;
                fn += flagged ? 0 : 1;
            }
            else
            {
                fp += flagged ? 1 : 0;
                tn += flagged ? 0 : 1;
            }
        }
        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        var fpr = fp + tn == 0 ? 0 : (double)fp / (fp + tn);
        return new BinaryMetrics(scores.Count, tp + fn, threshold, precision, recall, f1, AreaUnderRoc(scores, labels), fpr);
    }

    /// <summary>The threshold (one of the scores) with the best F1 on these rows: one sweep down the sorted scores.</summary>
    public static float BestThreshold(IReadOnlyList<float> scores, IReadOnlyList<int> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var positives = labels.Count(l => l == 1);
        var best = (F1: -1.0, Threshold: 0.5f);
        int tp = 0, flagged = 0;
        for (var k = 0; k < order.Length; k++)
        {
            tp += labels[order[k]];
            flagged++;
            if (k + 1 < order.Length && scores[order[k + 1]] == scores[order[k]])
            {
                continue;
            }
            var f1 = 2.0 * tp / (flagged + positives);
            if (f1 > best.F1)
            {
                best = (f1, scores[order[k]]);
            }
        }
        return best.Threshold;
    }

    /// <summary>Mann-Whitney ROC-AUC with ties counted half.</summary>
    public static double AreaUnderRoc(IReadOnlyList<float> scores, IReadOnlyList<int> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSum = 0;
        long positives = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }
            var rank = (i + j + 2) / 2.0;
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]] == 1)
                {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        var negatives = scores.Count - positives;
        return positives == 0 || negatives == 0 ? double.NaN : (rankSum - (positives * (positives + 1) / 2.0)) / (positives * negatives);
    }
}
