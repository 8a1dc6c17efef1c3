namespace Lantern.Grains.Pricing;

/// <summary>A project's own model definitions and whether the built-in price table applies to it.</summary>
public sealed record ProjectPricing(ModelMatcher ProjectModels, bool BuiltInPrices)
{
    /// <summary>A project with no models of its own that uses the built-in prices.</summary>
    public static ProjectPricing Default { get; } = new(ModelMatcher.Empty, true);
}
