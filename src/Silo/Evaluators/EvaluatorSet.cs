namespace Lantern.Silo.Evaluators;

/// <summary>
/// The evaluators this node runs, loaded once at start-up and shared by the workers and the guard API; empty, with the
/// reason, when they are off or could not load.
/// </summary>
public sealed class EvaluatorSet(IReadOnlyList<Evaluator> evaluators, string? disabledReason) : IDisposable
{
    public IReadOnlyList<Evaluator> Evaluators { get; } = evaluators;

    public bool Enabled => Evaluators.Count > 0;

    /// <summary>Why the evaluators are off, for logs and API errors; null when they run.</summary>
    public string? DisabledReason { get; } = disabledReason;

    public Evaluator? Find(string name) => Evaluators.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));

    public void Dispose()
    {
        foreach (var evaluator in Evaluators)
        {
            evaluator.Classifier.Dispose();
        }
    }
}
