namespace Lantern.Contracts.Rollups;

/// <summary>Cost, usage and quality of a user, session or project over a time window.</summary>
/// <param name="TotalCost">USD.</param>
/// <param name="InputTokens">Sum of usage keys containing "input".</param>
/// <param name="OutputTokens">Sum of usage keys containing "output".</param>
/// <param name="TotalTokens">Usage key "total" (or input + output).</param>
/// <param name="Traces">Traces counted.</param>
/// <param name="Observations">Observations of those traces.</param>
/// <param name="Generations">Observations with a model, usage or cost.</param>
/// <param name="Errors">Observations with level ERROR.</param>
/// <param name="FirstSeen">Earliest trace time.</param>
/// <param name="LastSeen">Latest trace time.</param>
/// <param name="Models">The same measures per model.</param>
/// <param name="Scores">Average of each numeric or boolean score.</param>
public sealed record RollupSummary(
    decimal TotalCost,
    long InputTokens,
    long OutputTokens,
    long TotalTokens,
    long Traces,
    long Observations,
    long Generations,
    long Errors,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    IReadOnlyList<ModelUsage> Models,
    IReadOnlyDictionary<string, ScoreAverage> Scores);
