namespace Lantern.Grains.Rollups;

/// <summary>A committed change to one rollup row: the delta added and the row's version after it.</summary>
public sealed record RollupChange(RollupKey Key, RollupValues Delta, long Version);
