namespace Lantern.Api.Guard;

/// <summary>One evaluator's result in a guard response.</summary>
/// <param name="Evaluator">The score name, e.g. <c>prompt_injection</c>.</param>
/// <param name="Probability">P(positive) from the model, 0..1.</param>
/// <param name="Threshold">The probability from which the text is flagged.</param>
/// <param name="Verdict"><c>flagged</c> or <c>clean</c>: probability at or above the threshold.</param>
/// <param name="Flagged">Whether the verdict is flagged.</param>
/// <param name="ModelSha256">Identifies the model version that produced the probability.</param>
/// <param name="DurationMs">Time the model took for this text.</param>
public sealed record GuardVerdict(string Evaluator, double Probability, double Threshold, string Verdict, bool Flagged, string ModelSha256, double DurationMs);
