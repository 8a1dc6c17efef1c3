using System.Globalization;

namespace Lantern.Api.Queries;

/// <summary><c>page</c> (≥ 1, default 1) and <c>limit</c> (1..max, default 50) of a v1 list endpoint.</summary>
public readonly record struct PageRequest(int Page, int Limit)
{
    public int Offset => (Page - 1) * Limit;

    /// <summary>Parses the query; null with <paramref name="error"/> set when a value is out of range.</summary>
    public static PageRequest? Parse(IQueryCollection query, out string? error, int defaultLimit = 50, int maxLimit = 100)
    {
        error = null;
        var page = ParseInt(query, "page", 1);
        var limit = ParseInt(query, "limit", defaultLimit);
        if (page is null or < 1)
        {
            error = "page: expected an integer >= 1";
        }
        else if (limit is null || limit < 1 || limit > maxLimit)
        {
            error = $"limit: expected an integer from 1 to {maxLimit}";
        }

        return error is null ? new PageRequest(page!.Value, limit!.Value) : null;
    }

    private static int? ParseInt(IQueryCollection query, string name, int fallback) =>
        query.TryGetValue(name, out var raw) && raw.Count > 0 && !string.IsNullOrEmpty(raw[0])
            ? int.TryParse(raw[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null
            : fallback;
}
