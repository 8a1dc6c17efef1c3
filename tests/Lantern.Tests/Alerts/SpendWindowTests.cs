using Lantern.Grains.Rollups;

namespace Lantern.Tests.Alerts;

public sealed class SpendWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_budget_breach_alerts_once_per_window_and_spend_slides_out_of_the_window()
    {
        var window = new SpendWindow(new SpendWindowOptions { BudgetUsd = 10 });

        Assert.Null(window.Add(Start, 6));
        var breach = window.Add(Start.AddMinutes(10), 6);
        Assert.Null(window.Add(Start.AddMinutes(20), 6));
        Assert.Null(window.Add(Start.AddMinutes(95), 6)); // the earlier $18 has slid out: $6 in the last hour
        var again = window.Add(Start.AddMinutes(100), 6);

        Assert.Equal(("budget", 12m), (breach!.Reason, breach.WindowCostUsd));
        Assert.Equal(12m, again!.WindowCostUsd);
    }

    [Fact]
    public void A_spike_needs_history_a_multiple_of_the_baseline_and_the_floor()
    {
        var window = new SpendWindow(new SpendWindowOptions { SpikeMultiple = 5, SpikeFloorUsd = 1 });
        Assert.Null(window.Add(Start, 50)); // no history yet: nothing to compare with
        for (var hour = 1; hour <= 4; hour++)
        {
            Assert.Null(window.Add(Start.AddHours(hour), 0.5m));
        }

        Assert.Null(window.Add(Start.AddHours(5), 0.9m)); // below the floor however steep
        var spike = window.Add(Start.AddHours(5).AddMinutes(1), 60);

        Assert.Equal("spike", spike!.Reason);
        Assert.Equal(60.9m, spike.WindowCostUsd);
        Assert.Equal((50 + 0.5m * 4) / 5, spike.BaselineUsd);
    }

    [Fact]
    public void The_baseline_is_the_average_of_the_last_completed_windows_only()
    {
        var window = new SpendWindow(new SpendWindowOptions { SpikeMultiple = 5, SpikeFloorUsd = 1, BaselineWindows = 3 });
        Assert.Null(window.Add(Start, 100)); // hour 0: falls out of a three-window baseline by hour 4
        for (var hour = 1; hour <= 3; hour++)
        {
            Assert.Null(window.Add(Start.AddHours(hour), 1));
        }

        var spike = window.Add(Start.AddHours(4), 6); // against hours 1-3 ($1 each), not hour 0's $100

        Assert.Equal(("spike", 6m, 1m), (spike!.Reason, spike.WindowCostUsd, spike.BaselineUsd));
    }

    [Fact]
    public void Many_tiny_costs_add_up_and_an_absurd_one_neither_throws_nor_wraps_around()
    {
        var tiny = new SpendWindow(new SpendWindowOptions { BudgetUsd = 0.001m });
        UserSpendAlertCandidate? breach = null;
        for (var call = 0; call < 20_001 && breach is null; call++)
        {
            breach = tiny.Add(Start, 0.00000005m); // 5e-8 USD: a few tokens of a cheap model
        }

        var absurd = new SpendWindow(new SpendWindowOptions { BudgetUsd = 1_000 });
        var first = absurd.Add(Start, decimal.MaxValue);
        absurd.Add(Start, decimal.MaxValue);

        Assert.Equal(0.00100005m, breach!.WindowCostUsd); // the 20,001st call breaches: every nano-dollar counted
        Assert.Equal("budget", first!.Reason);
        Assert.True(first.WindowCostUsd >= 100_000_000m);
    }
}
