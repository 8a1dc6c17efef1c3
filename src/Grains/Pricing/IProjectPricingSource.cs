namespace Lantern.Grains.Pricing;

/// <summary>
/// The in-memory view of every project's model definitions. Synchronous on purpose: pricing runs inside grain turns on
/// the ingestion path, so the source keeps a snapshot and refreshes it off that path.
/// </summary>
public interface IProjectPricingSource
{
    ProjectPricing Get(string projectId);
}
