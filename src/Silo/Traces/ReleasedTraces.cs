namespace Lantern.Silo.Traces;

/// <summary>
/// The most recent trace grains to leave memory. A new activation of one of them reads what is stored before its first
/// write: such a trace has rows (or a late score, an SDK's last update or an evaluator's score would fail the commit it
/// joined and send everyone in it again). Any other activation takes its trace for new and lets the commit check.
/// Bounded: a trace released longer ago is still correct, at the price of that one failed commit.
/// </summary>
public sealed class ReleasedTraces(int capacity = ReleasedTraces.DefaultCapacity)
{
    /// <summary>About half a minute of traces at 2,000 new traces a second, a few MiB.</summary>
    public const int DefaultCapacity = 65_536;

    private readonly Queue<string> _order = new(capacity);
    private readonly HashSet<string> _keys = new(capacity, StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Add(string grainKey)
    {
        lock (_lock)
        {
            if (!_keys.Add(grainKey))
            {
                return;
            }

            _order.Enqueue(grainKey);
            if (_order.Count > capacity)
            {
                _keys.Remove(_order.Dequeue());
            }
        }
    }

    public bool Contains(string grainKey)
    {
        lock (_lock)
        {
            return _keys.Contains(grainKey);
        }
    }
}
