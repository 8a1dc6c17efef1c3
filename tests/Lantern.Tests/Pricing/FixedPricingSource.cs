using Lantern.Grains.Pricing;

namespace Lantern.Tests.Pricing;

/// <summary>Project pricing held in memory, for engine tests that do not need PostgreSQL (the store has its own tests).</summary>
internal sealed class FixedPricingSource(Dictionary<string, ProjectPricing>? projects = null) : IProjectPricingSource
{
    public ProjectPricing Get(string projectId) => projects?.GetValueOrDefault(projectId) ?? ProjectPricing.Default;
}
