using System.Text.Json;

namespace Lantern.Api.Models;

/// <summary>Langfuse's <c>Model</c> wire shape; kept apart from <see cref="Grains.Pricing.ModelDefinition"/>, which is what pricing uses.</summary>
public sealed record ModelResponse(
    string Id,
    string ModelName,
    string MatchPattern,
    DateTimeOffset? StartDate,
    string? Unit,
    decimal? InputPrice,
    decimal? OutputPrice,
    decimal? TotalPrice,
    string? TokenizerId,
    JsonElement? TokenizerConfig,
    bool IsLangfuseManaged,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, ModelPriceResponse> Prices,
    IReadOnlyList<PricingTierResponse> PricingTiers);
