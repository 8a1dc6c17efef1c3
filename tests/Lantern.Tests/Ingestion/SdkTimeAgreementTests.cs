using System.Globalization;
using Lantern.Contracts.Ingestion;

namespace Lantern.Tests.Ingestion;

/// <summary>
/// On generated texts the SDK-time reader reads what the general parser reads, as the same instant and offset in both
/// styles the callers use, and refuses the rest: so a caller trying it first, then the general parser, behaves as before.
/// </summary>
public sealed class SdkTimeAgreementTests
{
    private const int Count = 100_000;

    [Fact]
    public void Every_generated_SDK_time_is_read_as_the_general_parser_reads_it()
    {
        var texts = new SdkTimeTexts(seed: 20_261_205);
        var outOfRange = 0;
        for (var i = 0; i < Count; i++)
        {
            var text = texts.Valid();
            var general = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);
            var read = SdkTime.TryParse(text, out var time);

            Assert.True(read == general, $"{text}: read {read}, general parser {general}");
            if (read)
            {
                AssertReadAsByTheGeneralParser(text, time);
            }
            else
            {
                outOfRange++; // both refuse a UTC instant outside DateTimeOffset's range, at the ends of it
            }
        }

        Assert.InRange(outOfRange, 1, Count / 10);
    }

    [Fact]
    public void Every_generated_near_miss_is_left_to_the_general_parser()
    {
        var texts = new SdkTimeTexts(seed: 5_122_026);
        for (var i = 0; i < Count; i++)
        {
            var text = texts.NearMiss();

            Assert.False(SdkTime.TryParse(text, out _), text);
        }
    }

    private static void AssertReadAsByTheGeneralParser(string text, DateTimeOffset time)
    {
        Assert.True(DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var assumed), text);
        Assert.True(DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var plain), text);
        Assert.True((time.UtcTicks, time.Offset) == (assumed.UtcTicks, assumed.Offset), $"{text}: read {time:O}, general parser {assumed:O}");
        Assert.True((time.UtcTicks, time.Offset) == (plain.UtcTicks, plain.Offset), $"{text}: read {time:O}, general parser {plain:O}");
    }
}
