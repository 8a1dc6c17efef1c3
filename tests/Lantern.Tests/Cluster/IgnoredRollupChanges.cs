using Lantern.Grains.Rollups;

namespace Lantern.Tests.Cluster;

/// <summary>A group commit's rollup changes go nowhere: these tests read what was stored, not the in-memory rollup grains.</summary>
public sealed class IgnoredRollupChanges : IRollupNotifier
{
    public void Notify(IReadOnlyList<RollupChange> changes)
    {
    }
}
