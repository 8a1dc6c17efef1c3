using System.Diagnostics.Metrics;

namespace Lantern.Silo.Metrics.Instruments;

/// <summary>Stream instruments: messages waiting and the age of the oldest unprocessed one, per stream.</summary>
public sealed class StreamMetrics
{
    private readonly Gauge<long> _queueDepth;
    private readonly Gauge<double> _lag;

    public StreamMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(SiloMeter.Name);
        _queueDepth = meter.CreateGauge<long>("lantern_stream_queue_depth", description: "Messages waiting to be processed, by stream.");
        _lag = meter.CreateGauge<double>("lantern_stream_lag_seconds", "s", "Age of the oldest unprocessed message, by stream.");
    }

    public void QueueDepth(string stream, long depth) => _queueDepth.Record(depth, new KeyValuePair<string, object?>("stream", stream));

    public void Lag(string stream, TimeSpan lag) => _lag.Record(lag.TotalSeconds, new KeyValuePair<string, object?>("stream", stream));
}
