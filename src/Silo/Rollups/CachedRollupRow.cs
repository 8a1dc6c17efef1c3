using Lantern.Grains.Rollups;

namespace Lantern.Silo.Rollups;

/// <summary>One row of a <see cref="RollupCacheEntry"/>: its values and the version they are at.</summary>
internal record struct CachedRollupRow(RollupKey Key, RollupValues Values, long Version);
