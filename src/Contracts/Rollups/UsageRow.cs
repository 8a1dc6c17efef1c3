namespace Lantern.Contracts.Rollups;

/// <summary>Cost and usage of one project, user or model over a sliding window.</summary>
/// <param name="Key">The project id, user id or model name (empty for generations without a model).</param>
/// <param name="TotalCost">USD.</param>
/// <param name="InputTokens">Input usage.</param>
/// <param name="OutputTokens">Output usage.</param>
/// <param name="TotalTokens">Total usage.</param>
/// <param name="Generations">Generations counted.</param>
public sealed record UsageRow(string Key, decimal TotalCost, long InputTokens, long OutputTokens, long TotalTokens, long Generations);
