using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Lantern.Silo.Hosting;

/// <summary>
/// Reads numeric settings without throwing: unset or empty gives the default, a malformed value gives a negative one,
/// which the options' validation refuses with a message naming the setting (instead of a stack trace at start).
/// </summary>
internal static class LenientSettings
{
    public static int WholeNumber(IConfiguration configuration, string key, int fallback) =>
        configuration[key] is not { Length: > 0 } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
        : -1;

    public static TimeSpan Seconds(IConfiguration configuration, string key, TimeSpan fallback) =>
        configuration[key] is not { Length: > 0 } text ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && Math.Abs(seconds) < 1e9 ? TimeSpan.FromSeconds(seconds)
        : TimeSpan.FromSeconds(-1);
}
