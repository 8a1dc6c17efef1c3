namespace Lantern.Grains.Rollups;

/// <summary>
/// A user's cost by arrival time: a sliding window made of 12 sub-buckets, plus the totals of the last completed windows
/// as the baseline. Arrival time, not trace time, because an alert is about money being spent now.
/// </summary>
public sealed class SpendWindow(SpendWindowOptions options)
{
    private const int Slices = 12;
    private readonly decimal[] _slices = new decimal[Slices];
    private readonly Queue<decimal> _history = new();
    private long _slice = long.MinValue;
    private long _window = long.MinValue;
    private decimal _windowTotal;
    private long _alertedWindow = long.MinValue;

    /// <summary>Adds cost arriving at <paramref name="now"/> and returns an alert when this is the first breach in the window.</summary>
    public UserSpendAlertCandidate? Add(DateTimeOffset now, decimal cost)
    {
        Advance(now);
        _slices[(int)(_slice % Slices)] += cost;
        _windowTotal += cost;
        var windowCost = _slices.Sum();
        decimal? baseline = _history.Count >= 3 ? _history.Average() : null;
        var reason = options.BudgetUsd is { } budget && windowCost > budget ? "budget"
            : baseline is { } b && windowCost >= options.SpikeFloorUsd && windowCost > b * options.SpikeMultiple ? "spike"
            : null;
        if (reason is null || _alertedWindow == _window)
        {
            return null;
        }

        _alertedWindow = _window;
        return new UserSpendAlertCandidate(reason, windowCost, baseline);
    }

    private void Advance(DateTimeOffset now)
    {
        var slice = now.UtcTicks / (options.Window.Ticks / Slices);
        var window = now.UtcTicks / options.Window.Ticks;
        if (_slice != long.MinValue)
        {
            for (var s = _slice + 1; s <= slice && s - _slice <= Slices; s++)
            {
                _slices[(int)(s % Slices)] = 0;
            }

            for (var w = _window; w < window && window - w <= options.BaselineWindows + 1; w++)
            {
                _history.Enqueue(w == _window ? _windowTotal : 0);
                if (_history.Count > options.BaselineWindows)
                {
                    _history.Dequeue();
                }
            }
        }

        if (window != _window)
        {
            _windowTotal = 0;
        }

        (_slice, _window) = (slice, window);
    }
}
