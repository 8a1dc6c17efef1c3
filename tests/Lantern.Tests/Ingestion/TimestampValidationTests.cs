using System.Text.Json;
using Lantern.Api.Ingestion;

namespace Lantern.Tests.Ingestion;

/// <summary>Which timestamps ingestion accepts: ISO-8601 with Z or an offset, and a real date and time.</summary>
public sealed class TimestampValidationTests
{
    [Theory]
    [InlineData("2024-05-01T10:00:00.000Z", true)] // JS toISOString()
    [InlineData("2024-05-01T10:00:00.123456+00:00", true)] // Python isoformat()
    [InlineData("2024-05-01T10:00:00Z", true)]
    [InlineData("2024-02-29T23:59:59.9999999-13:59", true)]
    [InlineData("2024-05-01T10:00:00+05:30", true)]
    [InlineData("2024-05-01T10:00+02:00", true)] // no seconds: the general parser's case
    [InlineData("2024-05-01T10:00:00+14:00", true)] // the largest offset
    [InlineData("2024-05-01T10:00:00-00:00", true)]
    [InlineData("2024-05-01T10:00:00.12345678Z", true)] // 8 fraction digits: the general parser's case
    [InlineData("0001-01-01T00:00:00+00:01", false)] // the UTC instant is before the first
    [InlineData("2024-05-01T10:00:00+14:01", false)]
    [InlineData("2024-05-01T10:00:00", false)] // no zone
    [InlineData("2023-02-29T10:00:00Z", false)]
    [InlineData("2024-04-31T10:00:00Z", false)]
    [InlineData("2024-13-01T10:00:00Z", false)]
    [InlineData("2024-00-10T10:00:00Z", false)]
    [InlineData("2024-05-01T24:00:00Z", false)]
    [InlineData("2024-05-01T10:60:00Z", false)]
    [InlineData("2024-05-01T10:00:60Z", false)]
    [InlineData("2024-05-01T10:00:00+15:00", false)]
    [InlineData("2024-05-01 10:00:00Z", false)]
    public void A_timestamp_is_accepted_only_when_it_is_a_real_instant_with_its_offset(string text, bool accepted)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(text));

        Assert.Equal(accepted, FieldChecker.IsTime(document.RootElement));
    }
}
