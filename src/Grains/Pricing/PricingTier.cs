namespace Lantern.Grains.Pricing;

/// <summary>Prices (USD per unit, by usage type) that apply when all of the tier's conditions hold.</summary>
public sealed record PricingTier(
    string Id,
    string Name,
    bool IsDefault,
    int Priority,
    IReadOnlyList<TierCondition> Conditions,
    IReadOnlyDictionary<string, decimal> Prices);
