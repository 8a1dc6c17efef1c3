namespace Lantern.Silo.Rollups;

/// <summary>The bound of <see cref="RollupRowCache"/> (<c>LANTERN_ROLLUP_CACHE_ROWS</c>; 0 turns it and the key filter off).</summary>
public sealed class RollupCacheOptions
{
    public const string MaxRowsKey = "LANTERN_ROLLUP_CACHE_ROWS";

    /// <summary>Rollup rows held, each user or session counting one more (with one row, about 0.7 KiB of memory).</summary>
    public int MaxRows { get; set; } = 500_000;
}
