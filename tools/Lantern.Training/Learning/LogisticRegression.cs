using Lantern.Training.Features;

namespace Lantern.Training.Learning;

/// <summary>
/// L2-regularised logistic regression trained by mini-batch AdaGrad on sparse features, single-threaded with a
/// seeded shuffle so that the same data and seed give bit-identical weights. Classes are weighted to balance.
/// </summary>
internal sealed class LogisticRegression(int width)
{
    public float[] Weights { get; } = new float[width];

    public float Bias { get; private set; }

    public void Fit(IReadOnlyList<SparseVector> x, IReadOnlyList<int> y, TrainingSettings settings)
    {
        var positives = y.Count(l => l == 1);
        var classWeight = new[] { y.Count / (2.0 * Math.Max(1, y.Count - positives)), y.Count / (2.0 * Math.Max(1, positives)) };
        var order = Enumerable.Range(0, x.Count).ToArray();
        var random = new Random(settings.Seed);
        var weights = new double[Weights.Length];
        var squares = new double[Weights.Length + 1];
        var gradient = new double[Weights.Length];
        var touched = new List<int>();
        var marked = new bool[Weights.Length];
        double bias = 0;
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += settings.BatchSize)
            {
                var end = Math.Min(order.Length, start + settings.BatchSize);
                double biasGradient = 0;
                touched.Clear();
                for (var k = start; k < end; k++)
                {
                    var row = x[order[k]];
                    var error = (Sigmoid(Dot(weights, row) + bias) - y[order[k]]) * classWeight[y[order[k]]];
                    biasGradient += error;
                    for (var j = 0; j < row.Indexes.Length; j++)
                    {
                        if (!marked[row.Indexes[j]])
                        {
                            marked[row.Indexes[j]] = true;
                            touched.Add(row.Indexes[j]);
                        }
                        gradient[row.Indexes[j]] += error * row.Values[j];
                    }
                }
                var batch = end - start;
                foreach (var j in touched)
                {
                    var g = (gradient[j] / batch) + (settings.L2 * weights[j]);
                    squares[j] += g * g;
                    weights[j] -= settings.LearningRate * g / (Math.Sqrt(squares[j]) + 1e-8);
                    gradient[j] = 0;
                    marked[j] = false;
                }
                var gb = biasGradient / batch;
                squares[^1] += gb * gb;
                bias -= settings.LearningRate * gb / (Math.Sqrt(squares[^1]) + 1e-8);
            }
        }
        for (var j = 0; j < weights.Length; j++)
        {
            Weights[j] = (float)weights[j];
        }
        Bias = (float)bias;
    }

    /// <summary>The probability in float arithmetic, as the exported graph computes it.</summary>
    public float Predict(SparseVector row)
    {
        var sum = 0f;
        for (var j = 0; j < row.Indexes.Length; j++)
        {
            sum += Weights[row.Indexes[j]] * row.Values[j];
        }
        return 1f / (1f + MathF.Exp(-(sum + Bias)));
    }

    private static double Dot(double[] weights, SparseVector row)
    {
        double sum = 0;
        for (var j = 0; j < row.Indexes.Length; j++)
        {
            sum += weights[row.Indexes[j]] * row.Values[j];
        }
        return sum;
    }

    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));
}
