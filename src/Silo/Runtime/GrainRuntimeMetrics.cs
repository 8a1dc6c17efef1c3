using System.Diagnostics.Metrics;

namespace Lantern.Silo.Runtime;

/// <summary>The runtime's instruments. Labels are grain types and outcomes, never grain keys.</summary>
internal sealed class GrainRuntimeMetrics
{
    private readonly UpDownCounter<long> _activations;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;

    public GrainRuntimeMetrics(Meter meter, Func<IEnumerable<Measurement<int>>> queueLengths)
    {
        _activations = meter.CreateUpDownCounter<long>("lantern_grain_activations", description: "Grain activations in memory, by grain type.");
        _turns = meter.CreateCounter<long>("lantern_grain_turns_total", description: "Grain turns run, by grain type and outcome.");
        _turnDuration = meter.CreateHistogram<double>("lantern_grain_turn_duration_seconds", "s", "Duration of grain turns.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5] });
        meter.CreateObservableGauge("lantern_grain_queue_length", queueLengths, description: "Turns waiting in grain mailboxes, by grain type.");
    }

    public void Activated(string grainType) => _activations.Add(1, new KeyValuePair<string, object?>("grain_type", grainType));

    public void Deactivated(string grainType) => _activations.Add(-1, new KeyValuePair<string, object?>("grain_type", grainType));

    public void TurnCompleted(string grainType, string outcome, TimeSpan duration)
    {
        var type = new KeyValuePair<string, object?>("grain_type", grainType);
        _turns.Add(1, type, new KeyValuePair<string, object?>("outcome", outcome));
        _turnDuration.Record(duration.TotalSeconds, type);
    }
}
