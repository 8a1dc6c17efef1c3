using System.Diagnostics.Metrics;

namespace Lantern.Silo.Metrics;

/// <summary>How each System.Diagnostics.Metrics instrument type maps to a Prometheus type and a measurement operation.</summary>
public static class InstrumentKinds
{
    public static (MetricKind Kind, MeasurementOperation Operation)? Of(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>))
        {
            return (MetricKind.Counter, MeasurementOperation.Add);
        }

        if (definition == typeof(ObservableCounter<>))
        {
            return (MetricKind.Counter, MeasurementOperation.Set);
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return (MetricKind.Gauge, MeasurementOperation.Add);
        }

        if (definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>) || definition == typeof(ObservableUpDownCounter<>))
        {
            return (MetricKind.Gauge, MeasurementOperation.Set);
        }

        return definition == typeof(Histogram<>) ? (MetricKind.Histogram, MeasurementOperation.Observe) : null;
    }
}
