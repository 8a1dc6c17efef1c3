namespace Lantern.Contracts.Rollups;

/// <summary>The body of <c>GET /prompts/{name}/metrics</c>: one entry per version, newest first.</summary>
/// <param name="Name">The prompt name.</param>
/// <param name="From">Start of the window, or null.</param>
/// <param name="To">End of the window, or null.</param>
/// <param name="Data">Per-version metrics.</param>
public sealed record PromptMetricsReport(string Name, DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<PromptVersionMetrics> Data);
