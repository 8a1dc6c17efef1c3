namespace Lantern.Contracts.Rollups;

/// <summary>One model's usage on one day of <c>GET /metrics/daily</c>.</summary>
/// <param name="Model">The model name, null for generations without one.</param>
/// <param name="InputUsage">Sum of usage keys containing "input".</param>
/// <param name="OutputUsage">Sum of usage keys containing "output".</param>
/// <param name="TotalUsage">Usage key "total" (or input + output).</param>
/// <param name="CountObservations">Generations of the model.</param>
/// <param name="CountTraces">Traces with at least one.</param>
/// <param name="TotalCost">USD.</param>
public sealed record DailyModelUsage(
    string? Model, long InputUsage, long OutputUsage, long TotalUsage, long CountObservations, long CountTraces, decimal TotalCost);
