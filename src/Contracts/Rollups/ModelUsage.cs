namespace Lantern.Contracts.Rollups;

/// <summary>Cost and usage of one model.</summary>
/// <param name="Model">The model name as sent by the client (empty when none).</param>
/// <param name="TotalCost">USD.</param>
/// <param name="InputTokens">Input usage.</param>
/// <param name="OutputTokens">Output usage.</param>
/// <param name="TotalTokens">Total usage.</param>
/// <param name="Generations">Generations of the model.</param>
public sealed record ModelUsage(string Model, decimal TotalCost, long InputTokens, long OutputTokens, long TotalTokens, long Generations);
