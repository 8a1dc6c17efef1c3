namespace Lantern.Grains.Rollups;

/// <summary>Tells the rollup grains caching rows what a commit changed, so they stay equal to the table without re-reading it.</summary>
public interface IRollupNotifier
{
    void Notify(IReadOnlyList<RollupChange> changes);
}
