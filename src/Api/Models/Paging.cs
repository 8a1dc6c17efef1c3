using System.Globalization;

namespace Lantern.Api.Models;

/// <summary>Langfuse's page query parameters: integers in a range, with defaults when absent.</summary>
internal static class Paging
{
    public static int Parse(string? raw, string name, int min, int max, int fallback, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(raw))
        {
            return fallback;
        }

        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        error = $"{name}: expected an integer from {min} to {max}";
        return fallback;
    }
}
