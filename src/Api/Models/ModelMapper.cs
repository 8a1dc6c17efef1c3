using System.Text.Json;
using Lantern.Grains.Pricing;

namespace Lantern.Api.Models;

/// <summary>Turns a model definition into the wire shape; flat prices are the default tier's, as Langfuse reports them.</summary>
internal static class ModelMapper
{
    public static ModelResponse ToResponse(ModelDefinition model)
    {
        var prices = model.DefaultTier?.Prices ?? new Dictionary<string, decimal>();
        return new ModelResponse(model.Id, model.ModelName, model.MatchPattern, model.StartDate, model.Unit,
            prices.TryGetValue("input", out var input) ? input : null,
            prices.TryGetValue("output", out var output) ? output : null,
            prices.TryGetValue("total", out var total) ? total : null,
            model.TokenizerId,
            Json(model.TokenizerConfigJson),
            model.IsBuiltIn,
            model.CreatedAt,
            prices.ToDictionary(p => p.Key, p => new ModelPriceResponse(p.Value), StringComparer.Ordinal),
            [.. model.Tiers.Select(ToResponse)]);
    }

    private static JsonElement? Json(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(raw);
        return document.RootElement.Clone();
    }

    private static PricingTierResponse ToResponse(PricingTier tier) =>
        new(tier.Id, tier.Name, tier.IsDefault, tier.Priority, [.. tier.Conditions.Select(ToResponse)], tier.Prices);

    private static object ToResponse(TierCondition condition) => condition switch
    {
        UsageCondition usage => new { usage.UsageDetailPattern, usage.Operator, usage.Value, usage.CaseSensitive },
        AttributeCondition attribute => new { attribute.Source, attribute.Key, attribute.Operator, attribute.Values },
        _ => new { },
    };
}
