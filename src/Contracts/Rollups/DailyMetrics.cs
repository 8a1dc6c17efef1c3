namespace Lantern.Contracts.Rollups;

/// <summary>One day of Langfuse's legacy <c>GET /metrics/daily</c> (reference §5.5).</summary>
/// <param name="Date">The UTC day, <c>YYYY-MM-DD</c>.</param>
/// <param name="CountTraces">Traces whose timestamp falls on the day.</param>
/// <param name="CountObservations">Their observations.</param>
/// <param name="TotalCost">USD.</param>
/// <param name="Usage">Per model.</param>
public sealed record DailyMetrics(string Date, long CountTraces, long CountObservations, decimal TotalCost, IReadOnlyList<DailyModelUsage> Usage);
