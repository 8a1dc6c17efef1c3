using System.Globalization;
using System.Text.Json;
using Lantern.Api.Ingestion;

namespace Lantern.Tests.Ingestion;

/// <summary>A validated event carries its envelope timestamp as the UTC instant it names, in the SDKs' shape or not.</summary>
public sealed class EnvelopeTimestampTests
{
    [Theory]
    [InlineData("2024-05-01T12:00:00.123+02:00", "2024-05-01T10:00:00.1230000Z")] // the SDKs' shape
    [InlineData("2024-05-01T10:00:00.123456+00:00", "2024-05-01T10:00:00.1234560Z")]
    [InlineData("2024-05-01T09:00:00-01:00", "2024-05-01T10:00:00.0000000Z")]
    [InlineData("2024-05-01T12:00+02:00", "2024-05-01T10:00:00.0000000Z")] // no seconds: the general parser's
    [InlineData("2024-05-01T10:00:00.12345678Z", "2024-05-01T10:00:00.1234568Z")] // 8 digits, rounded
    public void The_event_timestamp_is_the_UTC_instant_the_envelope_names(string timestamp, string expected)
    {
        using var entry = JsonDocument.Parse(JsonSerializer.Serialize(new { id = "e-1", type = "trace-create", timestamp, body = new { } }));

        var validated = EventValidator.Validate(entry.RootElement);

        Assert.Null(validated.Error);
        Assert.Equal(expected, validated.Event!.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.Zero, validated.Event.Timestamp.Offset);
    }
}
