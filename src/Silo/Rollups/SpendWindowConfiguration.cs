using System.Globalization;
using Lantern.Grains.Rollups;
using Microsoft.Extensions.Configuration;

namespace Lantern.Silo.Rollups;

/// <summary>Reads <see cref="SpendWindowOptions"/> from LANTERN_USER_* settings.</summary>
public static class SpendWindowConfiguration
{
    public static SpendWindowOptions Read(IConfiguration configuration)
    {
        var options = new SpendWindowOptions();
        if (configuration["LANTERN_USER_SPEND_WINDOW_MINUTES"] is { } minutes)
        {
            options.Window = TimeSpan.FromMinutes(double.Parse(minutes, CultureInfo.InvariantCulture));
        }

        if (configuration["LANTERN_USER_BUDGET_USD"] is { Length: > 0 } budget)
        {
            options.BudgetUsd = decimal.Parse(budget, CultureInfo.InvariantCulture);
        }

        if (configuration["LANTERN_USER_SPIKE_MULTIPLE"] is { Length: > 0 } multiple)
        {
            options.SpikeMultiple = decimal.Parse(multiple, CultureInfo.InvariantCulture);
        }

        if (configuration["LANTERN_USER_SPEND_WATCH_MAX"] is { Length: > 0 } watched)
        {
            options.MaxWatchedUsers = int.Parse(watched, CultureInfo.InvariantCulture);
        }

        return options;
    }
}
