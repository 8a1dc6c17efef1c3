namespace Lantern.Api.Ingestion;

/// <summary>
/// A range check of the timestamps SDKs send (<c>toISOString()</c>, <c>isoformat()</c>): <c>yyyy-MM-ddTHH:mm:ss</c>, up to 7
/// fraction digits, then <c>Z</c> or <c>±hh:mm</c>. Every event carries a few, and the general parser (lexing the text
/// against the culture's patterns) was most of validation's time. Anything else, or near a limit, is left to it.
/// </summary>
internal static class SdkTime
{
    /// <summary>True only when <paramref name="text"/>, already matching the ISO pattern, is a valid date-time.</summary>
    public static bool IsPlainlyValid(ReadOnlySpan<char> text)
    {
        if (text.Length < 20 || text[16] != ':' || !TryOffset(text, out var zoneStart))
        {
            return false;
        }

        var fraction = text[19..zoneStart];
        if (fraction.Length > 0 && (fraction[0] != '.' || fraction.Length > 8))
        {
            return false;
        }

        var (year, month, day) = (Number(text, 0, 4), Number(text, 5, 2), Number(text, 8, 2));
        return year is > 1 and < 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) &&
            Number(text, 11, 2) <= 23 && Number(text, 14, 2) <= 59 && Number(text, 17, 2) <= 59;
    }

    private static bool TryOffset(ReadOnlySpan<char> text, out int zoneStart)
    {
        if (text[^1] == 'Z')
        {
            zoneStart = text.Length - 1;
            return true;
        }

        zoneStart = text.Length - 6;
        return text[zoneStart] is '+' or '-' && text[^3] == ':' && Number(text, zoneStart + 1, 2) <= 13 && Number(text, text.Length - 2, 2) <= 59;
    }

    // The ISO pattern has matched, so these positions hold digits.
    private static int Number(ReadOnlySpan<char> text, int start, int length)
    {
        var value = 0;
        foreach (var digit in text.Slice(start, length))
        {
            value = (value * 10) + (digit - '0');
        }

        return value;
    }
}
