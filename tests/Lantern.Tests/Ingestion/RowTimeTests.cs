using System.Globalization;
using Lantern.Grains.Traces;

namespace Lantern.Tests.Ingestion;

/// <summary>Row times (startTime, endTime, timestamp…) read from their raw JSON as UTC instants, in the SDKs' shape or not.</summary>
public sealed class RowTimeTests
{
    [Theory]
    [InlineData("\"2024-05-01T12:00:00.5+02:00\"", "2024-05-01T10:00:00.5000000Z")] // the SDKs' shape
    [InlineData("\"2024-05-01T10:00:00.1234567Z\"", "2024-05-01T10:00:00.1234567Z")]
    [InlineData("\"2024-05-01T12:00+02:00\"", "2024-05-01T10:00:00.0000000Z")] // no seconds: the general parser's
    [InlineData("\"2024-05-01T10:00:00\"", "2024-05-01T10:00:00.0000000Z")] // no zone: taken as UTC
    [InlineData("\"2024-05-01T12:00:00\\u002B02:00\"", "2024-05-01T10:00:00.0000000Z")] // an escaped '+'
    [InlineData("\"2024-05-01T10:00:00.12345678Z\"", "2024-05-01T10:00:00.1234568Z")] // 8 digits, rounded
    [InlineData("\"2023-02-29T10:00:00Z\"", null)]
    [InlineData("\"yesterday\"", null)]
    [InlineData(null, null)]
    public void A_row_time_reads_as_its_UTC_instant(string? raw, string? expected)
    {
        var time = JsonValues.Time(raw);

        Assert.Equal(expected, time?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Assert.True(time is null || time.Value.Offset == TimeSpan.Zero);
    }
}
