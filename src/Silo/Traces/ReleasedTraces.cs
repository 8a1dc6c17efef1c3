namespace Lantern.Silo.Traces;

/// <summary>
/// The most recent trace grains to leave memory. A new activation of one of them reads what is stored before its first
/// write: such a trace has rows (or a late score, an SDK's last update or an evaluator's score would fail the commit it
/// joined and send everyone in it again). Any other activation takes its trace for new and lets the commit check.
/// Bounded: a trace released longer ago is still correct, at the price of that one failed commit.
/// </summary>
public sealed class ReleasedTraces(int capacity = ReleasedTraces.DefaultCapacity)
{
    /// <summary>About half a minute of traces at 2,000 new traces a second: some 12 MiB with their keys.</summary>
    public const int DefaultCapacity = 65_536;

    // Oldest release first: a trace released again (a late event woke it) moves to the end.
    private readonly LinkedList<string> _order = new();
    private readonly Dictionary<string, LinkedListNode<string>> _keys = new(capacity, StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Add(string grainKey)
    {
        lock (_lock)
        {
            if (_keys.TryGetValue(grainKey, out var earlier))
            {
                _order.Remove(earlier);
                _order.AddLast(earlier);
                return;
            }

            _keys.Add(grainKey, _order.AddLast(grainKey));
            if (_order.Count > capacity)
            {
                _keys.Remove(_order.First!.Value);
                _order.RemoveFirst();
            }
        }
    }

    public bool Contains(string grainKey)
    {
        lock (_lock)
        {
            return _keys.ContainsKey(grainKey);
        }
    }
}
