namespace Lantern.Training.Learning;

/// <summary>Everything that decides a model: change one and the model bytes change; keep them and they do not.</summary>
internal sealed record TrainingSettings
{
    public int Seed { get; init; } = 20261123;
    public int Epochs { get; init; } = 12;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 0.3;
    public double L2 { get; init; } = 1e-5;
    /// <summary>Character n-grams are 3 to CharMaxN characters long.</summary>
    public int CharMaxN { get; init; } = 5;
    /// <summary>Character n-grams fall into this many buckets (a prime: the bucket is the n-gram's number modulo it).</summary>
    public int CharBuckets { get; init; } = 65521;
    public int MinDocs { get; init; } = 3;
    public double HeldOutFraction { get; init; } = 0.2;
    public double TuningFraction { get; init; } = 0.15;
    public bool Augment { get; init; }
}
