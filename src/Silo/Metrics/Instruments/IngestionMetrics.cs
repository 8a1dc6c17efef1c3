using System.Diagnostics.Metrics;

namespace Lantern.Silo.Metrics.Instruments;

/// <summary>Ingestion instruments: events by type and outcome, bytes by endpoint, acknowledgement latency.</summary>
public sealed class IngestionMetrics
{
    private readonly Counter<long> _events;
    private readonly Counter<long> _bytes;
    private readonly Histogram<double> _ackDuration;

    public IngestionMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(SiloMeter.Name);
        _events = meter.CreateCounter<long>("lantern_ingestion_events_total", description: "Ingested events by project, event type and outcome (success, error, duplicate).");
        _bytes = meter.CreateCounter<long>("lantern_ingestion_bytes_total", "By", "Request body bytes received by ingestion endpoints.");
        _ackDuration = meter.CreateHistogram<double>("lantern_ingestion_ack_duration_seconds", "s", "Time from request received to durable acknowledgement.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public void Event(string project, string eventType, string outcome) =>
        _events.Add(1, new("project", project), new("event_type", eventType), new("outcome", outcome));

    public void Bytes(string project, string endpoint, long bytes) => _bytes.Add(bytes, new("project", project), new("endpoint", endpoint));

    public void Acknowledged(string endpoint, TimeSpan duration) => _ackDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("endpoint", endpoint));
}
