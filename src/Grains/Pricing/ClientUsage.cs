namespace Lantern.Grains.Pricing;

/// <summary>Usage and cost as the client sent them, normalised to Langfuse's usage-type keys.</summary>
public sealed record ClientUsage(Dictionary<string, long> Usage, Dictionary<string, decimal> Cost);
