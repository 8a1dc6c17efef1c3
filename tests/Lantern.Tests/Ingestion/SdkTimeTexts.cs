using System.Globalization;

namespace Lantern.Tests.Ingestion;

/// <summary>Random timestamps in the SDKs' shape across DateTimeOffset's whole range, and near misses of that shape.</summary>
internal sealed class SdkTimeTexts(int seed)
{
    private const string Digits = "0123456789";
    private readonly Random _random = new(seed);

    /// <summary>A real date and time, 0 to 7 fraction digits, and <c>Z</c> or an offset within ±14:00.</summary>
    public string Valid()
    {
        var (fraction, zone) = (Fraction(_random.Next(8)), Zone());
        return _random.Next(10) switch
        {
            // One in five at an end of the range, where the offset can take the UTC instant out of it.
            0 => Text(1, 1, 1, 0, _random.Next(60), _random.Next(60), fraction, zone),
            1 => Text(9999, 12, 31, 23, _random.Next(60), _random.Next(60), fraction, zone),
            _ => RandomTime(RandomYear(), out _, out _, fraction, zone),
        };
    }

    /// <summary>An SDK-shaped text with one thing wrong: a separator, a letter, a field out of range, a missing or extra part.</summary>
    public string NearMiss()
    {
        var (fraction, zone) = (Fraction(_random.Next(8)), Zone());
        var year = RandomYear();
        var valid = RandomTime(year, out var month, out var day, fraction, zone);
        var (hour, minute, second) = (_random.Next(24), _random.Next(60), _random.Next(60));
        return _random.Next(14) switch
        {
            0 => Replace(valid, new[] { 4, 7, 10, 13, 16, valid.Length - 3 }[_random.Next(6)], "-:T. /tZz+,"),
            1 => Replace(valid, _random.Next(valid.Length), "OlZTabcxyz"),
            2 => Text(0, month, day, hour, minute, second, fraction, zone),
            3 => Text(year, _random.Next(2) == 0 ? 0 : _random.Next(13, 100), day, hour, minute, second, fraction, zone),
            4 => Text(year, month, _random.Next(2) == 0 ? 0 : _random.Next(DateTime.DaysInMonth(year, month) + 1, 100), hour, minute, second, fraction, zone),
            5 => Text(year, month, day, Beyond(23), minute, second, fraction, zone),
            6 => Text(year, month, day, hour, Beyond(59), second, fraction, zone),
            7 => Text(year, month, day, hour, minute, Beyond(59), fraction, zone),
            8 => Text(NonLeapYear(), 2, 29, hour, minute, second, fraction, zone),
            9 => Text(year, month, day, hour, minute, second, Fraction(_random.Next(8, 12)), zone),
            10 => Text(year, month, day, hour, minute, second, fraction, OffsetOutOfRange()),
            11 => Text(year, month, day, hour, minute, second, _random.Next(2) == 0 ? "." : "," + Digit(), zone),
            12 => valid[.._random.Next(valid.Length)],
            _ => new[] { valid.ToLowerInvariant(), " " + valid, valid + " ", valid[..^zone.Length], valid.Replace(":", "", StringComparison.Ordinal) }[_random.Next(5)],
        };
    }

    private string RandomTime(int year, out int month, out int day, string fraction, string zone)
    {
        month = _random.Next(1, 13);
        day = _random.Next(1, DateTime.DaysInMonth(year, month) + 1);
        return Text(year, month, day, _random.Next(24), _random.Next(60), _random.Next(60), fraction, zone);
    }

    private static string Text(int year, int month, int day, int hour, int minute, int second, string fraction, string zone) =>
        string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}T{hour:D2}:{minute:D2}:{second:D2}{fraction}{zone}");

    private int RandomYear() => _random.Next(1, 10_000);

    // Half the time the first value past the field's last (24:00, a leap second), else any larger 2-digit value.
    private int Beyond(int last) => _random.Next(2) == 0 ? last + 1 : _random.Next(last + 1, 100);

    private int NonLeapYear()
    {
        var year = RandomYear();
        return DateTime.IsLeapYear(year) ? year - 1 : year; // a year after a leap year is never one
    }

    private string Fraction(int digits) => digits == 0 ? "" : "." + string.Concat(Enumerable.Range(0, digits).Select(_ => Digit()));

    private char Digit() => Digits[_random.Next(10)];

    private string Zone() => _random.Next(8) switch
    {
        0 or 1 => "Z",
        2 => "-00:00",
        3 => _random.Next(2) == 0 ? "+14:00" : "-14:00",
        _ => OffsetOf(_random.Next(-14 * 60, (14 * 60) + 1)),
    };

    private static string OffsetOf(int minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{(minutes < 0 ? '-' : '+')}{Math.Abs(minutes) / 60:D2}:{Math.Abs(minutes) % 60:D2}");

    // Past ±14:00, or minutes past 59.
    private string OffsetOutOfRange()
    {
        var (hours, minutes) = _random.Next(3) switch
        {
            0 => (14, _random.Next(1, 60)),
            1 => (_random.Next(15, 100), _random.Next(60)),
            _ => (_random.Next(14), Beyond(59)),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{(_random.Next(2) == 0 ? '-' : '+')}{hours:D2}:{minutes:D2}");
    }

    private string Replace(string text, int position, string candidates)
    {
        var replacement = candidates.Where(c => c != text[position]).ElementAt(_random.Next(candidates.Length - 1));
        return string.Concat(text.AsSpan(0, position), [replacement], text.AsSpan(position + 1));
    }
}
