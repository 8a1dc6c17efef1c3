namespace Lantern.Api.Models;

/// <summary>Langfuse's <c>PricingTier</c>; conditions are usage or attribute conditions, serialised by their runtime shape.</summary>
public sealed record PricingTierResponse(
    string Id,
    string Name,
    bool IsDefault,
    int Priority,
    IReadOnlyList<object> Conditions,
    IReadOnlyDictionary<string, decimal> Prices);
