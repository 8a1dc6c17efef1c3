namespace Lantern.Silo.Metrics;

/// <summary>The two text formats Prometheus scrapes.</summary>
public enum ExpositionFormat
{
    /// <summary>Prometheus text exposition format 0.0.4.</summary>
    Text,

    /// <summary>OpenMetrics 1.0.0 text, chosen when the scraper's Accept header asks for it.</summary>
    OpenMetrics,
}
