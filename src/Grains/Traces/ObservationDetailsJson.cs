using System.Text.Json;

namespace Lantern.Grains.Traces;

/// <summary>
/// An observation's usage and cost details as the JSON objects their columns store, written by hand: the reflection-based
/// serializer (dictionary converters, per row committed) was about 1 % of the node's CPU under load (round 19's profile).
/// The text is what <see cref="JsonSerializer"/> with web defaults writes: keys as given, the default escaping.
/// </summary>
public static class ObservationDetailsJson
{
    public static string Usage(ObservationCost cost) => cost.UsageDetails.Count == 0 ? "{}" : JsonText.Write(cost.UsageDetails, WriteObject);

    public static string Cost(ObservationCost cost) => cost.CostDetails.Count == 0 ? "{}" : JsonText.Write(cost.CostDetails, WriteObject);

    internal static void WriteObject(Utf8JsonWriter writer, IReadOnlyDictionary<string, long> details)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in details)
        {
            writer.WriteNumber(key, value);
        }

        writer.WriteEndObject();
    }

    internal static void WriteObject(Utf8JsonWriter writer, IReadOnlyDictionary<string, decimal> details)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in details)
        {
            writer.WriteNumber(key, value);
        }

        writer.WriteEndObject();
    }
}
