using Lantern.Contracts.Rollups;

namespace Lantern.Grains.Rollups;

/// <summary>Rollups of one prompt name, per version (key <c>projectId/promptName</c>).</summary>
public interface IPromptGrain : IRollupGrain
{
    Task<IReadOnlyList<PromptVersionMetrics>> GetVersionMetricsAsync(DateTimeOffset? from, DateTimeOffset? to);
}
