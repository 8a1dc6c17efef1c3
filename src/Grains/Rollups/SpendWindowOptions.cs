namespace Lantern.Grains.Rollups;

/// <summary>Per-user spend alerting: a sliding window, an optional absolute budget, and a spike multiple of the user's baseline.</summary>
public sealed class SpendWindowOptions
{
    /// <summary>The sliding window (LANTERN_USER_SPEND_WINDOW_MINUTES, default 60).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Alert when a user's cost in the window exceeds this (LANTERN_USER_BUDGET_USD); null: no budget.</summary>
    public decimal? BudgetUsd { get; set; }

    /// <summary>Alert when the window cost exceeds this multiple of the user's baseline (LANTERN_USER_SPIKE_MULTIPLE).</summary>
    public decimal SpikeMultiple { get; set; } = 5;

    /// <summary>Spikes below this window cost are ignored: a user going from $0.01 to $0.10 is noise, not an incident.</summary>
    public decimal SpikeFloorUsd { get; set; } = 1;

    /// <summary>Completed windows averaged into the baseline (and needed, at least three, before spikes are judged).</summary>
    public int BaselineWindows { get; set; } = 24;

    /// <summary>
    /// Users whose windows are kept at most (LANTERN_USER_SPEND_WATCH_MAX, default 200,000; 330 to 550 bytes each):
    /// beyond it, those whose cost arrived longest ago are dropped and start again without a baseline.
    /// </summary>
    public int MaxWatchedUsers { get; set; } = 200_000;
}
