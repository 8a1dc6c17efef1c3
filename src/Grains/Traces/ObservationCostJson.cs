using System.Text.Json;

namespace Lantern.Grains.Traces;

/// <summary>
/// Writes an <see cref="ObservationCost"/> in the shape the serializer reads back (web defaults: camelCase), by hand: the
/// reflection-based serializer was a tenth of what storing an observation's merge state cost.
/// </summary>
internal static class ObservationCostJson
{
    public static void Write(Utf8JsonWriter writer, ObservationCost? cost)
    {
        if (cost is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WritePropertyName("usageDetails");
        ObservationDetailsJson.WriteObject(writer, cost.UsageDetails);
        writer.WritePropertyName("costDetails");
        ObservationDetailsJson.WriteObject(writer, cost.CostDetails);
        WriteNumber(writer, "totalCost", cost.TotalCost);
        writer.WriteString("modelId", cost.ModelId);
        writer.WriteString("pricingTierId", cost.PricingTierId);
        writer.WriteString("pricingTierName", cost.PricingTierName);
        WriteNumber(writer, "inputPrice", cost.InputPrice);
        WriteNumber(writer, "outputPrice", cost.OutputPrice);
        WriteNumber(writer, "totalPrice", cost.TotalPrice);
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
