namespace Lantern.Contracts.Ingestion;

/// <summary>
/// Reads the timestamps SDKs send (<c>toISOString()</c>, <c>isoformat()</c>): <c>yyyy-MM-ddTHH:mm:ss</c>, optionally
/// <c>.</c> and 1 to 7 fraction digits, then <c>Z</c> or <c>±hh:mm</c>. Validation and row projection read several per
/// event, and the general <see cref="DateTimeOffset"/> parser (lexing the text against the culture's patterns) was over
/// 1 % of the node's CPU. Anything else is refused, for callers to hand to the general parser, which gives the same
/// instant and offset for every text accepted here.
/// </summary>
public static class SdkTime
{
    private const int ZoneFreeLength = 19; // yyyy-MM-ddTHH:mm:ss
    private const int MaxLength = ZoneFreeLength + 8 + 6; // .fffffff+hh:mm

    // Ticks per unit of the last fraction digit, by the number of digits less one.
    private static ReadOnlySpan<int> TicksPerUnit => [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    /// <summary>True, with the instant and its offset, when <paramref name="text"/> is exactly the SDK shape and a valid time.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length is <= ZoneFreeLength or > MaxLength ||
            text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
            !TryNumber(text.Slice(0, 4), out var year) || !TryNumber(text.Slice(5, 2), out var month) ||
            !TryNumber(text.Slice(8, 2), out var day) || !TryNumber(text.Slice(11, 2), out var hour) ||
            !TryNumber(text.Slice(14, 2), out var minute) || !TryNumber(text.Slice(17, 2), out var second) ||
            !TryZone(text, out var zoneStart, out var offsetMinutes) ||
            !TryFraction(text[ZoneFreeLength..zoneStart], out var fractionTicks))
        {
            return false;
        }

        // 24:00 and leap seconds are refused by the general parser as well.
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var clockTicks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var utcTicks = clockTicks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false; // e.g. 0001-01-01T00:00:00+01:00: the general parser refuses it too
        }

        value = new DateTimeOffset(clockTicks, offset);
        return true;
    }

    private static bool TryZone(ReadOnlySpan<char> text, out int zoneStart, out int offsetMinutes)
    {
        offsetMinutes = 0;
        if (text[^1] == 'Z')
        {
            zoneStart = text.Length - 1;
            return true;
        }

        zoneStart = text.Length - 6;
        if (zoneStart < ZoneFreeLength || text[zoneStart] is not ('+' or '-') || text[^3] != ':' ||
            !TryNumber(text.Slice(zoneStart + 1, 2), out var hours) || !TryNumber(text[^2..], out var minutes) || minutes > 59)
        {
            return false;
        }

        offsetMinutes = (hours * 60) + minutes;
        if (text[zoneStart] == '-')
        {
            offsetMinutes = -offsetMinutes;
        }

        return offsetMinutes is >= -14 * 60 and <= 14 * 60; // DateTimeOffset's limit
    }

    // Empty, or '.' and 1 to 7 digits: the leading places of the 7 tick digits (".5" is 5,000,000 ticks).
    private static bool TryFraction(ReadOnlySpan<char> fraction, out long ticks)
    {
        ticks = 0;
        if (fraction.IsEmpty)
        {
            return true;
        }

        if (fraction.Length is < 2 or > 8 || fraction[0] != '.' || !TryNumber(fraction[1..], out var digits))
        {
            return false;
        }

        ticks = (long)digits * TicksPerUnit[fraction.Length - 2];
        return true;
    }

    // ASCII digits only (Regex's \d takes any script's): other text is the general parser's.
    private static bool TryNumber(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if (!char.IsAsciiDigit(digit))
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }
}
