using Lantern.Contracts.Ingestion;

namespace Lantern.Tests.Ingestion;

/// <summary>The SDKs' timestamps read as the instant and offset they name; any other text is left to the general parser.</summary>
public sealed class SdkTimeTests
{
    public static TheoryData<string, DateTimeOffset> SdkTexts() => new()
    {
        { "2026-12-05T13:22:45.123Z", At(2026, 12, 5, 13, 22, 45, 1_230_000, TimeSpan.Zero) }, // JS toISOString()
        { "2026-12-05T13:22:45.123456+00:00", At(2026, 12, 5, 13, 22, 45, 1_234_560, TimeSpan.Zero) }, // Python isoformat()
        { "2026-12-05T13:22:45Z", At(2026, 12, 5, 13, 22, 45, 0, TimeSpan.Zero) },
        { "2026-12-05T13:22:45.5+05:45", At(2026, 12, 5, 13, 22, 45, 5_000_000, new TimeSpan(5, 45, 0)) },
        { "2026-12-05T13:22:45.1234567-03:30", At(2026, 12, 5, 13, 22, 45, 1_234_567, new TimeSpan(-3, -30, 0)) },
        { "2026-12-05T13:22:45.0000001-00:00", At(2026, 12, 5, 13, 22, 45, 1, TimeSpan.Zero) },
        { "2024-02-29T23:59:59.99+14:00", At(2024, 2, 29, 23, 59, 59, 9_900_000, TimeSpan.FromHours(14)) },
        { "2024-02-29T00:00:00-14:00", At(2024, 2, 29, 0, 0, 0, 0, TimeSpan.FromHours(-14)) },
        { "0001-01-01T00:00:00Z", DateTimeOffset.MinValue },
        { "0001-01-01T00:00:00-00:01", At(1, 1, 1, 0, 0, 0, 0, TimeSpan.FromMinutes(-1)) },
        { "9999-12-31T23:59:59.9999999Z", DateTimeOffset.MaxValue },
        { "9999-12-31T23:59:59.9999999+00:01", At(9999, 12, 31, 23, 59, 59, 9_999_999, TimeSpan.FromMinutes(1)) },
    };

    [Theory]
    [MemberData(nameof(SdkTexts))]
    public void An_SDK_timestamp_reads_as_its_instant_and_offset(string text, DateTimeOffset expected)
    {
        Assert.True(SdkTime.TryParse(text, out var time));

        Assert.Equal((expected.UtcTicks, expected.Offset), (time.UtcTicks, time.Offset));
    }

    [Theory]
    [InlineData("2023-02-29T10:00:00Z")]
    [InlineData("2024-04-31T10:00:00Z")]
    [InlineData("2024-13-01T10:00:00Z")]
    [InlineData("2024-00-10T10:00:00Z")]
    [InlineData("2024-05-00T10:00:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2024-05-01T24:00:00Z")]
    [InlineData("2024-05-01T10:60:00Z")]
    [InlineData("2016-12-31T23:59:60Z")]
    [InlineData("2024-05-01T10:00:00+14:01")]
    [InlineData("2024-05-01T10:00:00-15:00")]
    [InlineData("2024-05-01T10:00:00+13:60")]
    [InlineData("0001-01-01T00:00:00+00:01")] // the UTC instant is before the first
    [InlineData("9999-12-31T23:59:59.9999999-00:01")] // and after the last
    [InlineData("2024-05-01T10:00:00.12345678Z")] // the general parser rounds an 8th digit
    [InlineData("2024-05-01T10:00:00.Z")]
    [InlineData("2024-05-01T10:00:00,5Z")]
    [InlineData("2024-05-01T10:00Z")]
    [InlineData("2024-05-01T10:00:00")]
    [InlineData("2024-05-01T10:00:00+0200")]
    [InlineData("2024-05-01T10:00:00+02")]
    [InlineData("2024-05-01T10:00:00z")]
    [InlineData("2024-05-01t10:00:00Z")]
    [InlineData("2024-05-01 10:00:00Z")]
    [InlineData("2024/05/01T10:00:00Z")]
    [InlineData("2024-O5-01T10:00:00Z")]
    [InlineData("٢٠٢٤-05-01T10:00:00Z")]
    [InlineData(" 2024-05-01T10:00:00Z")]
    [InlineData("2024-05-01T10:00:00Z ")]
    [InlineData("")]
    public void Any_other_text_is_left_to_the_general_parser(string text)
    {
        Assert.False(SdkTime.TryParse(text, out _));
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute, int second, long ticks, TimeSpan offset) =>
        new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks);
}
