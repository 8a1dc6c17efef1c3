using System.Globalization;

namespace Lantern.Api.Otel.Mapping;

/// <summary>OTLP nanosecond timestamps as the ISO-8601 UTC strings ingestion bodies carry.</summary>
public static class OtlpTime
{
    private const ulong NanosPerTick = 100;

    /// <summary>Nanoseconds since the Unix epoch to a time (100 ns precision); null for 0 (unset) and out-of-range values.</summary>
    public static DateTimeOffset? FromUnixNanos(ulong nanos)
    {
        if (nanos == 0)
        {
            return null;
        }

        var ticks = nanos / NanosPerTick;
        return ticks > (ulong)(DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks)
            ? null
            : DateTimeOffset.UnixEpoch.AddTicks((long)ticks);
    }

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses an ISO time, also when JSON-quoted as older SDKs sent it.</summary>
    public static DateTimeOffset? ParseIso(string? text)
    {
        var trimmed = text?.Trim().Trim('"');
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
    }
}
