namespace Lantern.Grains.Rollups;

/// <summary>
/// A user's cost by arrival time: a sliding window made of 12 sub-buckets, plus the totals of the last completed windows
/// as the baseline. Arrival time, not trace time, because an alert is about money being spent now.
/// </summary>
/// <remarks>
/// One is kept per watched user (up to 200,000 by default), so it is small and holds nothing the GC must trace: amounts are
/// whole nano-dollars (a <see cref="long"/> is half a <see cref="decimal"/>, and a nano-dollar is far below what an alert
/// tells apart), the slices are stored inline, and the baseline's ring is allocated when the first window completes.
/// Amounts saturate at $100 million, so no sum can overflow.
/// </remarks>
public sealed class SpendWindow(SpendWindowOptions options)
{
    private const decimal NanosPerUsd = 1_000_000_000m;
    private const long MaxNanos = 100_000_000 * (long)NanosPerUsd;
    private SpendSlices _slices;
    private long[]? _history;
    private int _historyCount;
    private int _historyNext;
    private long _slice = long.MinValue;
    private long _window = long.MinValue;
    private long _windowTotal;
    private long _alertedWindow = long.MinValue;

    /// <summary>Adds cost arriving at <paramref name="now"/> and returns an alert when this is the first breach in the window.</summary>
    public UserSpendAlertCandidate? Add(DateTimeOffset now, decimal cost)
    {
        Advance(now);
        var nanos = ToNanos(cost);
        ref var slice = ref _slices[(int)(_slice % SpendSlices.Count)];
        slice = Math.Min(slice + nanos, MaxNanos);
        _windowTotal = Math.Min(_windowTotal + nanos, MaxNanos);
        var windowCost = ToUsd(SlicesTotal());
        decimal? baseline = _historyCount >= 3 ? ToUsd(HistoryTotal()) / _historyCount : null;
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
        var slice = now.UtcTicks / (options.Window.Ticks / SpendSlices.Count);
        var window = now.UtcTicks / options.Window.Ticks;
        if (_slice != long.MinValue)
        {
            for (var s = _slice + 1; s <= slice && s - _slice <= SpendSlices.Count; s++)
            {
                _slices[(int)(s % SpendSlices.Count)] = 0;
            }

            for (var w = _window; w < window && window - w <= options.BaselineWindows + 1; w++)
            {
                Complete(w == _window ? _windowTotal : 0);
            }
        }

        if (window != _window)
        {
            _windowTotal = 0;
        }

        (_slice, _window) = (slice, window);
    }

    /// <summary>Keeps a completed window's total, the oldest of <see cref="SpendWindowOptions.BaselineWindows"/> making way.</summary>
    private void Complete(long total)
    {
        if (options.BaselineWindows <= 0)
        {
            return;
        }

        _history ??= new long[options.BaselineWindows];
        _history[_historyNext] = total;
        _historyNext = (_historyNext + 1) % _history.Length;
        _historyCount = Math.Min(_historyCount + 1, _history.Length);
    }

    private long SlicesTotal()
    {
        var total = 0L;
        foreach (var slice in _slices)
        {
            total += slice;
        }

        return total;
    }

    // The ring fills from its start, so its first _historyCount entries are the completed windows kept.
    private long HistoryTotal()
    {
        var total = 0L;
        for (var i = 0; i < _historyCount; i++)
        {
            total += _history![i];
        }

        return total;
    }

    private static long ToNanos(decimal usd) => usd >= MaxNanos / NanosPerUsd ? MaxNanos : (long)decimal.Round(usd * NanosPerUsd);

    private static decimal ToUsd(long nanos) => nanos / NanosPerUsd;
}
