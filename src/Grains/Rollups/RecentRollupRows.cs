using System.Runtime.CompilerServices;

namespace Lantern.Grains.Rollups;

/// <summary>
/// The last version seen of a user's few most recent rollup rows (<see cref="WatchedUser"/>), each row named by a number
/// rather than its <see cref="RollupKey"/>, whose strings the GC would have to trace in every watched user.
/// </summary>
[InlineArray(Count)]
internal struct RecentRollupRows
{
    public const int Count = 4;

    private (long Row, long Version) _first;
}
