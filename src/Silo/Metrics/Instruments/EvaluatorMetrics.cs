using System.Diagnostics.Metrics;

namespace Lantern.Silo.Metrics.Instruments;

/// <summary>Evaluator instruments: verdicts, scoring latency, work shed under overload and caught up later.</summary>
public sealed class EvaluatorMetrics
{
    private readonly Counter<long> _verdicts;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _shed;
    private readonly Counter<long> _requeued;
    private readonly Counter<long> _forgotten;

    public EvaluatorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(SiloMeter.Name);
        _verdicts = meter.CreateCounter<long>("lantern_evaluator_verdicts_total", description: "Evaluator verdicts (e.g. flagged, clean), by project and evaluator.");
        _duration = meter.CreateHistogram<double>("lantern_evaluator_duration_seconds", "s", "Time to score one input, by evaluator.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _shed = meter.CreateCounter<long>("lantern_evaluator_shed_total", description: "Inputs the evaluation stream shed because the evaluator was overloaded.");
        _requeued = meter.CreateCounter<long>("lantern_evaluator_requeued_total",
            description: "Shed texts read back from their rows and queued again for scoring (catch-up).");
        _forgotten = meter.CreateCounter<long>("lantern_evaluator_backlog_full_total",
            description: "Shed texts the backlog had no room for: they stay unscored until they change.");
    }

    public void Verdict(string project, string evaluator, string verdict) =>
        _verdicts.Add(1, new("project", project), new("evaluator", evaluator), new("verdict", verdict));

    public void Scored(string evaluator, TimeSpan duration) => _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("evaluator", evaluator));

    public void Shed(string evaluator) => _shed.Add(1, new KeyValuePair<string, object?>("evaluator", evaluator));

    public void Requeued() => _requeued.Add(1);

    public void Forgotten() => _forgotten.Add(1);
}
