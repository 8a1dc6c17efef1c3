using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Evaluators;

/// <summary>
/// The texts the evaluation stream shed, by where they are stored, so that <see cref="EvaluationCatchUp"/> scores them
/// once the evaluators have room. A key costs about a hundred bytes where the text costs kilobytes, so the backlog can
/// hold far more than the stream; beyond <see cref="EvaluatorOptions.BacklogCapacity"/> a shed text stays unscored.
/// In memory only: a restart forgets the backlog (the texts stay stored, unscored).
/// </summary>
public sealed class EvaluationBacklog
{
    private readonly Lock _lock = new();
    private readonly HashSet<ShedText> _keys = [];
    private readonly Queue<ShedText> _order = new();
    private readonly IOptions<EvaluatorOptions> _options;

    public EvaluationBacklog(IOptions<EvaluatorOptions> options, IMeterFactory meters)
    {
        _options = options;
        meters.Create(SiloMeter.Name).CreateObservableGauge("lantern_evaluator_backlog", () => Count,
            description: "Shed evaluation texts waiting to be read back and scored.");
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _keys.Count;
            }
        }
    }

    /// <summary>Remembers a shed text; false when the backlog is full and it is not remembered.</summary>
    public bool Remember(ShedText text)
    {
        lock (_lock)
        {
            if (_keys.Contains(text))
            {
                return true;
            }

            if (_keys.Count >= _options.Value.BacklogCapacity)
            {
                return false;
            }

            _keys.Add(text);
            _order.Enqueue(text);
            return true;
        }
    }

    /// <summary>Takes up to <paramref name="max"/> texts, oldest first.</summary>
    public List<ShedText> Take(int max)
    {
        lock (_lock)
        {
            var taken = new List<ShedText>(Math.Min(max, _order.Count));
            while (taken.Count < max && _order.TryDequeue(out var text))
            {
                _keys.Remove(text);
                taken.Add(text);
            }

            return taken;
        }
    }
}
