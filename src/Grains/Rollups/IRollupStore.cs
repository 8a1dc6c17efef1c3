namespace Lantern.Grains.Rollups;

/// <summary>Reads the stored rollup rows of one key.</summary>
public interface IRollupStore
{
    Task<IReadOnlyList<RollupChange>> LoadAsync(string projectId, RollupScope scope, string key, CancellationToken cancellationToken);
}
