using System.Text.Json;
using Lantern.Contracts.Ingestion;

namespace Lantern.Tests.Ingestion;

/// <summary>Shared property names read exactly what the parser reads, whatever the spelling on the wire.</summary>
public sealed class PropertyNamesTests
{
    [Fact]
    public void Names_read_as_the_parser_reads_them_and_a_repeated_name_is_one_string()
    {
        var longName = new string('k', 100);
        using var first = JsonDocument.Parse($$"""{"startTime":1,"a\u0062c":2,"ключ":3,"{{longName}}":4,"":5,"sp ace":6}""");
        using var second = JsonDocument.Parse("""{"startTime":1}""");

        var names = first.RootElement.EnumerateObject().Select(PropertyNames.Of).ToList();

        Assert.Equal(["startTime", "abc", "ключ", longName, "", "sp ace"], names);
        Assert.Same(names[0], PropertyNames.Of(second.RootElement.EnumerateObject().Single()));
    }
}
