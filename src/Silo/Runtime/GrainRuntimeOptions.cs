namespace Lantern.Silo.Runtime;

/// <summary>Limits of the in-process grain runtime.</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>An activation with no call for this long is deactivated (its state written first).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Idle timeouts of particular grain interfaces, overriding <see cref="IdleTimeout"/> for them.</summary>
    public Dictionary<Type, TimeSpan> IdleTimeouts { get; } = [];

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most activations held in memory; beyond it the least recently used are deactivated. The default keeps a node under
    /// 1 GiB with 100,000 users (docs/benchmarks.md, Memory); a deactivated grain costs one read when it is next called.
    /// </summary>
    public int MaxActivations { get; set; } = 20_000;

    /// <summary>Share of <see cref="MaxActivations"/> evicted at once when the bound is hit, so eviction scans stay rare.</summary>
    public double EvictionFraction { get; set; } = 0.05;
}
