using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Metrics;

/// <summary>
/// Listens to this node's meters (the <c>Lantern.*</c> meters and ASP.NET Core's hosting meter created through the
/// node's <see cref="IMeterFactory"/>, plus the process-wide <c>System.Runtime</c> meter) and keeps their values for
/// scrapes. Meters from another factory (another app in the same process) are ignored.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    public const string FoldedMetricName = "lantern_metrics_label_sets_folded_total";

    private readonly MeterListener _listener = new();
    private readonly IMeterFactory _scope;
    private readonly MetricsOptions _options;
    private readonly Counter<long> _folded;
    private readonly Lock _scrape = new();
    private readonly List<MetricFamily> _observed = [];

    public MetricsCollector(IMeterFactory meterFactory, IOptions<MetricsOptions> options)
    {
        _scope = meterFactory;
        _options = options.Value;
        Registry = new MetricRegistry(_options.MaxLabelSetsPerMetric, OnFolded);
        _folded = meterFactory.Create("Lantern.Metrics").CreateCounter<long>(
            FoldedMetricName, description: "Measurements whose new label set was folded into 'other' because the metric reached its label-set cap.");
        _listener.InstrumentPublished = OnPublished;
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<decimal>((_, value, tags, state) => Record(state, (double)value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<short>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<byte>((_, value, tags, state) => Record(state, value, tags));
        _listener.Start();
    }

    public MetricRegistry Registry { get; }

    /// <summary>Polls the observable instruments and writes every family in <paramref name="format"/>.</summary>
    public string Scrape(ExpositionFormat format)
    {
        lock (_scrape)
        {
            lock (_observed)
            {
                _observed.ForEach(f => f.Clear());
            }

            _listener.RecordObservableInstruments();
            var text = new StringWriter { NewLine = "\n" };
            PrometheusTextWriter.Write(text, Registry.Families, format);
            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnPublished(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        var ours = ReferenceEquals(meter.Scope, _scope)
            && (meter.Name.StartsWith("Lantern.", StringComparison.Ordinal) || meter.Name == "Microsoft.AspNetCore.Hosting");
        var runtime = _options.IncludeRuntimeMetrics && meter.Scope is null && meter.Name == "System.Runtime";
        if ((!ours && !runtime) || InstrumentKinds.Of(instrument) is not { } kind)
        {
            return;
        }

        var name = PrometheusNames.MetricName(instrument.Name, instrument.Unit, kind.Kind);
        var help = string.IsNullOrWhiteSpace(instrument.Description) ? $"{instrument.Name} from the {meter.Name} meter." : instrument.Description;
        var family = Registry.GetOrAdd(name, help, kind.Kind, kind.Kind == MetricKind.Histogram ? HistogramBuckets.For(instrument) : null);
        if (family is null)
        {
            return;
        }

        if (instrument.IsObservable)
        {
            lock (_observed)
            {
                _observed.Add(family);
            }
        }

        listener.EnableMeasurementEvents(instrument, new InstrumentBinding(family, kind.Operation));
    }

    private static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        (state as InstrumentBinding)?.Record(value, tags);

    private void OnFolded(MetricFamily family)
    {
        // The fold counter's own label (the metric name) is bounded by the number of metrics; never report on itself.
        if (family.Name != FoldedMetricName)
        {
            _folded.Add(1, new KeyValuePair<string, object?>("metric", family.Name));
        }
    }
}
