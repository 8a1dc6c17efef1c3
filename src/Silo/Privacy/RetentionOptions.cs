namespace Lantern.Silo.Privacy;

/// <summary>Retention settings: the default age limit of traces and how often the retention job runs.</summary>
public sealed class RetentionOptions
{
    /// <summary><c>LANTERN_RETENTION_DAYS</c>: age limit of projects without their own; null keeps data forever.</summary>
    public int? DefaultDays { get; set; }

    /// <summary><c>LANTERN_RETENTION_INTERVAL_MINUTES</c>: pause between retention runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Traces deleted per batch (one group commit each), so ingestion never waits behind a long transaction.</summary>
    public int BatchSize { get; set; } = 1000;
}
