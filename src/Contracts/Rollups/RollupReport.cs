namespace Lantern.Contracts.Rollups;

/// <summary>
/// The body of <c>GET /users/{id}</c> and <c>GET /sessions/{id}/summary</c>: a grain's rollup flattened beside the key and
/// the window it covers, so API consumers read <c>totalCost</c> at the top level as in the list items.
/// </summary>
/// <param name="Id">The user or session id.</param>
/// <param name="From">Start of the window (inclusive, as requested), or null.</param>
/// <param name="To">End of the window (exclusive), or null.</param>
/// <param name="TotalCost">USD.</param>
/// <param name="InputTokens">Input usage.</param>
/// <param name="OutputTokens">Output usage.</param>
/// <param name="TotalTokens">Total usage.</param>
/// <param name="Traces">Traces counted.</param>
/// <param name="Observations">Observations of those traces.</param>
/// <param name="Generations">Observations with a model, usage or cost.</param>
/// <param name="Errors">Observations with level ERROR.</param>
/// <param name="FirstSeen">Earliest trace time.</param>
/// <param name="LastSeen">Latest trace time.</param>
/// <param name="Models">Cost and usage per model.</param>
/// <param name="Scores">Average of each numeric or boolean score.</param>
public sealed record RollupReport(
    string Id,
    DateTimeOffset? From,
    DateTimeOffset? To,
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
    IReadOnlyDictionary<string, ScoreAverage> Scores)
{
    /// <summary>Flattens a grain summary under its key and window.</summary>
    public static RollupReport Of(string id, DateTimeOffset? from, DateTimeOffset? to, RollupSummary s) =>
        new(id, from, to, s.TotalCost, s.InputTokens, s.OutputTokens, s.TotalTokens, s.Traces, s.Observations, s.Generations,
            s.Errors, s.FirstSeen, s.LastSeen, s.Models, s.Scores);
}
