using System.Globalization;
using System.Text.Json;

namespace Lantern.Grains.Pricing;

/// <summary>
/// Reads and writes the price table's JSON shapes (Langfuse's <c>default-model-prices.json</c>, and the tiers column of
/// project models): tiers with prices per usage type and usage or attribute conditions.
/// </summary>
public static class PriceTableJson
{
    /// <summary>Parses a whole table: a JSON array of models with <c>pricingTiers</c>.</summary>
    public static IReadOnlyList<ModelDefinition> ReadModels(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(ReadModel)];
    }

    public static ModelDefinition ReadModel(JsonElement model) => new(
        model.GetProperty("id").GetString()!,
        null,
        model.GetProperty("modelName").GetString()!,
        model.GetProperty("matchPattern").GetString()!,
        OptionalTime(model, "startDate"),
        OptionalString(model, "unit"),
        OptionalString(model, "tokenizerId"),
        model.TryGetProperty("tokenizerConfig", out var config) && config.ValueKind == JsonValueKind.Object ? config.GetRawText() : null,
        OptionalTime(model, "createdAt") ?? DateTimeOffset.UnixEpoch,
        ReadTiers(model.GetProperty("pricingTiers")));

    public static IReadOnlyList<PricingTier> ReadTiers(JsonElement tiers) => [.. tiers.EnumerateArray().Select(ReadTier)];

    public static PricingTier ReadTier(JsonElement tier) => new(
        tier.GetProperty("id").GetString()!,
        tier.GetProperty("name").GetString()!,
        tier.GetProperty("isDefault").GetBoolean(),
        tier.GetProperty("priority").GetInt32(),
        [.. tier.GetProperty("conditions").EnumerateArray().Select(ReadCondition)],
        ReadPrices(tier.GetProperty("prices")));

    public static IReadOnlyDictionary<string, decimal> ReadPrices(JsonElement prices) =>
        prices.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal(), StringComparer.Ordinal);

    public static TierCondition ReadCondition(JsonElement condition) =>
        condition.TryGetProperty("usageDetailPattern", out var pattern)
            ? new UsageCondition(pattern.GetString()!, condition.GetProperty("operator").GetString()!,
                condition.GetProperty("value").GetDecimal(),
                condition.TryGetProperty("caseSensitive", out var cs) && cs.ValueKind == JsonValueKind.True)
            : new AttributeCondition(condition.GetProperty("source").GetString()!, condition.GetProperty("key").GetString()!,
                OptionalString(condition, "operator") ?? "in",
                [.. condition.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())]);

    /// <summary>Writes tiers in the same shape <see cref="ReadTiers"/> reads (the API's <c>PricingTier</c>).</summary>
    public static void WriteTiers(Utf8JsonWriter writer, IEnumerable<PricingTier> tiers)
    {
        writer.WriteStartArray();
        foreach (var tier in tiers)
        {
            writer.WriteStartObject();
            writer.WriteString("id", tier.Id);
            writer.WriteString("name", tier.Name);
            writer.WriteBoolean("isDefault", tier.IsDefault);
            writer.WriteNumber("priority", tier.Priority);
            writer.WriteStartArray("conditions");
            foreach (var condition in tier.Conditions)
            {
                WriteCondition(writer, condition);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("prices");
            WritePrices(writer, tier.Prices);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void WritePrices(Utf8JsonWriter writer, IReadOnlyDictionary<string, decimal> prices)
    {
        writer.WriteStartObject();
        foreach (var (key, price) in prices)
        {
            writer.WriteNumber(key, price);
        }

        writer.WriteEndObject();
    }

    public static string TiersToJson(IEnumerable<PricingTier> tiers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTiers(writer, tiers);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteCondition(Utf8JsonWriter writer, TierCondition condition)
    {
        writer.WriteStartObject();
        switch (condition)
        {
            case UsageCondition usage:
                writer.WriteString("usageDetailPattern", usage.UsageDetailPattern);
                writer.WriteString("operator", usage.Operator);
                writer.WriteNumber("value", usage.Value);
                writer.WriteBoolean("caseSensitive", usage.CaseSensitive);
                break;
            case AttributeCondition attribute:
                writer.WriteString("source", attribute.Source);
                writer.WriteString("key", attribute.Key);
                writer.WriteString("operator", attribute.Operator);
                writer.WriteStartArray("values");
                attribute.Values.ToList().ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
                break;
        }

        writer.WriteEndObject();
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? OptionalTime(JsonElement element, string name) =>
        OptionalString(element, name) is { } text &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : null;
}
