using Lantern.Api.Queries;

namespace Lantern.Api.Rollups;

/// <summary>The optional <c>from</c>/<c>to</c> window of a rollup read.</summary>
public readonly record struct RollupWindow(DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>Parses the window; null with <paramref name="error"/> when a bound is not a date-time or the window is empty.</summary>
    public static RollupWindow? Parse(IQueryCollection query, out string? error, string fromName = "from", string toName = "to")
    {
        if (!QueryTime.TryParse(query, fromName, out var from, out error) || !QueryTime.TryParse(query, toName, out var to, out error))
        {
            return null;
        }

        if (from >= to)
        {
            error = $"{fromName} must be earlier than {toName}";
            return null;
        }

        return new RollupWindow(from, to);
    }
}
