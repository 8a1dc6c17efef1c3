using System.Text.Json;
using Lantern.Grains.Pricing;

namespace Lantern.Api.Models;

/// <summary>Validates the <c>pricingTiers</c> of a create request (Langfuse's <c>PricingTierInput</c> rules) and assigns tier ids.</summary>
internal static class TierParser
{
    public static List<PricingTier> Parse(JsonElement tiers, string modelId, List<string> errors)
    {
        var parsed = new List<PricingTier>();
        if (tiers.ValueKind != JsonValueKind.Array || tiers.GetArrayLength() == 0)
        {
            errors.Add("pricingTiers: expected a non-empty array");
            return parsed;
        }

        var index = 0;
        foreach (var tier in tiers.EnumerateArray())
        {
            if (ParseTier(tier, $"pricingTiers[{index}]", modelId, errors) is { } valid)
            {
                parsed.Add(valid);
            }

            index++;
        }

        var defaults = parsed.Where(t => t.IsDefault).ToList();
        if (defaults.Count != 1)
        {
            errors.Add("pricingTiers: exactly one tier must have isDefault = true");
        }
        else if (defaults[0].Priority != 0 || defaults[0].Conditions.Count > 0)
        {
            errors.Add("pricingTiers: the default tier must have priority 0 and no conditions");
        }

        if (parsed.Any(t => !t.IsDefault && t.Conditions.Count == 0))
        {
            errors.Add("pricingTiers: a non-default tier needs at least one condition");
        }

        if (parsed.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != parsed.Count ||
            parsed.Select(t => t.Priority).Distinct().Count() != parsed.Count)
        {
            errors.Add("pricingTiers: tier names and priorities must be unique within the model");
        }

        return parsed;
    }

    private static PricingTier? ParseTier(JsonElement tier, string path, string modelId, List<string> errors)
    {
        if (tier.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: expected an object");
            return null;
        }

        var count = errors.Count;
        var name = CreateModelParser.RequiredString(tier, "name", errors);
        var isDefault = tier.TryGetProperty("isDefault", out var d) && d.ValueKind == JsonValueKind.True;
        var priority = tier.TryGetProperty("priority", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var value) ? value : (int?)null;
        if (priority is null)
        {
            errors.Add($"{path}.priority: required, an integer");
        }

        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (tier.TryGetProperty("prices", out var pricesJson) && pricesJson.ValueKind == JsonValueKind.Object)
        {
            foreach (var price in pricesJson.EnumerateObject())
            {
                if (CreateModelParser.OptionalPrice(pricesJson, price.Name, errors) is { } amount)
                {
                    prices[price.Name] = amount;
                }
            }
        }

        if (prices.Count == 0)
        {
            errors.Add($"{path}.prices: at least one price (USD per unit, by usage type) is required");
        }

        var conditions = new List<TierCondition>();
        if (tier.TryGetProperty("conditions", out var conditionsJson) && conditionsJson.ValueKind == JsonValueKind.Array)
        {
            conditions.AddRange(conditionsJson.EnumerateArray().Select((c, i) => ParseCondition(c, $"{path}.conditions[{i}]", errors)).OfType<TierCondition>());
        }

        var id = isDefault ? $"{modelId}_tier_default" : Guid.NewGuid().ToString("N");
        return errors.Count == count ? new PricingTier(id, name!, isDefault, priority!.Value, conditions, prices) : null;
    }

    private static TierCondition? ParseCondition(JsonElement condition, string path, List<string> errors)
    {
        if (condition.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: expected an object");
            return null;
        }

        var op = CreateModelParser.RequiredString(condition, "operator", errors);
        if (condition.TryGetProperty("usageDetailPattern", out _))
        {
            var pattern = CreateModelParser.RequiredString(condition, "usageDetailPattern", errors);
            var threshold = CreateModelParser.OptionalPrice(condition, "value", errors);
            var caseSensitive = condition.TryGetProperty("caseSensitive", out var cs) && cs.ValueKind == JsonValueKind.True;
            if (pattern is null || op is null || threshold is null || !UsageCondition.Operators.Contains(op) || !CreateModelParser.ValidRegex(pattern))
            {
                errors.Add($"{path}: a usage condition needs a valid usageDetailPattern regex, an operator (gt, gte, lt, lte, eq, neq) and a value >= 0");
                return null;
            }

            return new UsageCondition(pattern, op, threshold.Value, caseSensitive);
        }

        var source = CreateModelParser.RequiredString(condition, "source", errors);
        var key = CreateModelParser.RequiredString(condition, "key", errors);
        var values = condition.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Array &&
                     v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String)
            ? v.EnumerateArray().Select(x => x.GetString()!).ToList()
            : null;
        if (source is not (AttributeCondition.ModelParameters or AttributeCondition.Metadata) || key is null || op != "in" || values is not { Count: > 0 })
        {
            errors.Add($"{path}: an attribute condition needs source (model_parameters or metadata), key, operator \"in\" and a non-empty string array values");
            return null;
        }

        return new AttributeCondition(source, key, op, values);
    }
}
