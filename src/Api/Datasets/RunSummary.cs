namespace Lantern.Api.Datasets;

/// <summary>One run over the compared items: how many it covered, mean latency, total and mean cost, mean of each score.</summary>
public sealed record RunSummary(
    string Run, int Items, double? AverageLatencySeconds, decimal TotalCost, decimal? AverageCost, IReadOnlyDictionary<string, double> AverageScores);
