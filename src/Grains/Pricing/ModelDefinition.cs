namespace Lantern.Grains.Pricing;

/// <summary>
/// A model price definition: which provider model names it matches and what each usage type costs. Built-in
/// definitions (the Langfuse default table) have no project; project definitions override them.
/// </summary>
public sealed record ModelDefinition(
    string Id,
    string? ProjectId,
    string ModelName,
    string MatchPattern,
    DateTimeOffset? StartDate,
    string? Unit,
    string? TokenizerId,
    string? TokenizerConfigJson,
    DateTimeOffset CreatedAt,
    IReadOnlyList<PricingTier> Tiers)
{
    public bool IsBuiltIn => ProjectId is null;

    /// <summary>The tier that applies when no conditional tier matches (every valid model has exactly one).</summary>
    public PricingTier? DefaultTier => Tiers.FirstOrDefault(t => t.IsDefault);
}
