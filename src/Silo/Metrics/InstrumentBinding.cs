namespace Lantern.Silo.Metrics;

/// <summary>The family an enabled instrument records into and how; the listener hands it back with each measurement.</summary>
public sealed record InstrumentBinding(MetricFamily Family, MeasurementOperation Operation)
{
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (Operation)
        {
            case MeasurementOperation.Add:
                Family.Add(value, tags);
                break;
            case MeasurementOperation.Set:
                Family.Set(value, tags);
                break;
            default:
                Family.Observe(value, tags);
                break;
        }
    }
}
