namespace Lantern.Silo.Metrics;

/// <summary>A consistent copy of one series taken for a scrape. Bucket counts are per bucket, not yet cumulative.</summary>
public sealed record SeriesSnapshot(LabelSet Labels, double Value, IReadOnlyList<long> BucketCounts, double Sum, long Count);
