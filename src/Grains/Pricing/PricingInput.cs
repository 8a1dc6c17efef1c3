namespace Lantern.Grains.Pricing;

/// <summary>What tier conditions look at: the usage to price and the observation's top-level attributes as raw JSON.</summary>
public sealed record PricingInput(
    IReadOnlyDictionary<string, long> Usage,
    IReadOnlyDictionary<string, string> ModelParameters,
    IReadOnlyDictionary<string, string> Metadata);
