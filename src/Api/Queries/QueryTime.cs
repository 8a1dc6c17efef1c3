using System.Globalization;

namespace Lantern.Api.Queries;

/// <summary>Parses ISO-8601 query parameters such as <c>fromTimestamp</c>.</summary>
public static class QueryTime
{
    /// <summary>True when absent or valid; false with <paramref name="error"/> when the value is not a date-time.</summary>
    public static bool TryParse(IQueryCollection query, string name, out DateTimeOffset? value, out string? error)
    {
        value = null;
        error = null;
        if (!query.TryGetValue(name, out var raw) || string.IsNullOrEmpty(raw[0]))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(raw[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed.ToUniversalTime();
            return true;
        }

        error = $"{name}: expected an ISO-8601 date-time, e.g. 2024-05-01T10:00:00Z";
        return false;
    }
}
