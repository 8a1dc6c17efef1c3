namespace Lantern.Silo.Datasets;

/// <summary>One run item to compare: which item and run, the linked trace's latency and cost, and its average score per name.</summary>
public sealed record RunComparisonRow(
    string RunName, string DatasetItemId, string TraceId, double? LatencySeconds, decimal? TotalCost, IReadOnlyDictionary<string, double> Scores);
