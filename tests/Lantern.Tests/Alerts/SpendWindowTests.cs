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
}
