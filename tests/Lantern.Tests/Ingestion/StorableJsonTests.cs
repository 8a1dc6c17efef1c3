using System.Text;
using System.Text.Json;
using Lantern.Contracts.Ingestion;

namespace Lantern.Tests.Ingestion;

/// <summary>What PostgreSQL cannot store is replaced in a JSON body, and nothing else is touched.</summary>
public sealed class StorableJsonTests
{
    [Theory]
    [InlineData(@"{""a"":""x\u0000y""}", @"{""a"":""x\ufffdy""}", 1)]
    [InlineData(@"{""a\u0000"":[""\u0000"",""\u0000""]}", @"{""a\ufffd"":[""\ufffd"",""\ufffd""]}", 3)]
    [InlineData(@"{""a"":""lone \ud800 high, lone \uDC00 low""}", @"{""a"":""lone \ufffd high, lone \ufffd low""}", 2)]
    [InlineData(@"{""a"":""high at the end \uD83D""}", @"{""a"":""high at the end \ufffd""}", 1)]
    [InlineData(@"{""a"":""pair \ud83d\ude00, \u00E9, \n, \"" and \\u0000 typed""}", @"{""a"":""pair \ud83d\ude00, \u00E9, \n, \"" and \\u0000 typed""}", 0)]
    [InlineData(@"{""a"":""\\\u0000""}", @"{""a"":""\\\ufffd""}", 1)]
    [InlineData(@"{""a"":""no escapes at all""}", @"{""a"":""no escapes at all""}", 0)]
    public void Only_escapes_postgres_cannot_store_are_replaced(string json, string expected, int replaced)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.Equal(replaced, StorableJson.ReplaceUnstorable(bytes));

        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
        using var document = JsonDocument.Parse(bytes); // still valid JSON
    }

    [Fact]
    public void A_body_cut_inside_an_escape_is_left_for_the_parser_to_refuse()
    {
        var bytes = Encoding.UTF8.GetBytes(@"{""a"":""\u00");

        Assert.Equal(0, StorableJson.ReplaceUnstorable(bytes));
        Assert.Equal(@"{""a"":""\u00", Encoding.UTF8.GetString(bytes));
    }
}
