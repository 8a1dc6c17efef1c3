namespace Lantern.Silo.Hosting;

/// <summary>When <see cref="IdleCollector"/> collects (<c>LANTERN_IDLE_GC_MIB</c>; 0 turns it off).</summary>
public sealed class IdleCollectionOptions
{
    public const string ThresholdKey = "LANTERN_IDLE_GC_MIB";

    /// <summary>
    /// MiB allocated since the last collection after which the node collects as soon as no request is in flight: below
    /// the runtime's own gen0 budget (about 125 MiB on a 2-core node), so that at partial load the runtime
    /// seldom has to collect in the middle of a request.
    /// </summary>
    public int ThresholdMiB { get; set; } = 48;
}
