using System.Text.Json;
using Lantern.Grains.Traces;

namespace Lantern.Tests.Pricing;

/// <summary>
/// The usage and cost details columns hold exactly the text the web serializer wrote for them before: SQL and the API
/// read these objects back, so keys, escaping and decimal digits (trailing zeros included) must not change.
/// </summary>
public sealed class ObservationDetailsJsonTests
{
    [Fact]
    public void Details_are_written_as_the_web_serializer_writes_them()
    {
        var usage = new Dictionary<string, long> { ["input"] = 1_200, ["output_cached"] = 0, ["total"] = long.MaxValue, ["é \"x\" <y>"] = -3 };
        var costs = new Dictionary<string, decimal> { ["input"] = 0.000123m, ["output"] = 1.50m, ["total"] = 79228162514264337593543950335m };
        var cost = ObservationCost.None with { UsageDetails = usage, CostDetails = costs };

        Assert.Equal(JsonSerializer.Serialize<IReadOnlyDictionary<string, long>>(usage, JsonSerializerOptions.Web), ObservationDetailsJson.Usage(cost));
        Assert.Equal(JsonSerializer.Serialize<IReadOnlyDictionary<string, decimal>>(costs, JsonSerializerOptions.Web), ObservationDetailsJson.Cost(cost));
        Assert.Equal("""{"input":0.000123,"output":1.50,"total":79228162514264337593543950335}""", ObservationDetailsJson.Cost(cost));
    }

    [Fact]
    public void No_details_are_an_empty_object()
    {
        Assert.Equal("{}", ObservationDetailsJson.Usage(ObservationCost.None));
        Assert.Equal("{}", ObservationDetailsJson.Cost(ObservationCost.None));
    }
}
