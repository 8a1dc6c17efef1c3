using Lantern.Silo.Datasets;

namespace Lantern.Api.Datasets;

/// <summary>One dataset item across the compared runs: what each run's linked trace measured (runs that skipped it are absent).</summary>
public sealed record ItemComparison(string DatasetItemId, IReadOnlyDictionary<string, RunComparisonRow> Runs);
