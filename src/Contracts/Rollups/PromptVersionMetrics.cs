namespace Lantern.Contracts.Rollups;

/// <summary>How one prompt version performs across the generations linked to it.</summary>
/// <param name="Version">The prompt version.</param>
/// <param name="Generations">Linked generations.</param>
/// <param name="LatencyP50">Median generation latency in seconds (histogram estimate).</param>
/// <param name="LatencyP95">95th percentile latency in seconds.</param>
/// <param name="TimeToFirstTokenP50">Median time to first token in seconds.</param>
/// <param name="TimeToFirstTokenP95">95th percentile time to first token in seconds.</param>
/// <param name="TotalCost">USD.</param>
/// <param name="InputTokens">Input usage.</param>
/// <param name="OutputTokens">Output usage.</param>
/// <param name="TotalTokens">Total usage.</param>
/// <param name="Scores">Average of each score on the generations or their traces.</param>
public sealed record PromptVersionMetrics(
    int Version,
    long Generations,
    double? LatencyP50,
    double? LatencyP95,
    double? TimeToFirstTokenP50,
    double? TimeToFirstTokenP95,
    decimal TotalCost,
    long InputTokens,
    long OutputTokens,
    long TotalTokens,
    IReadOnlyDictionary<string, ScoreAverage> Scores);
