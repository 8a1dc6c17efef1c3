namespace Lantern.Grains.Traces;

/// <summary>Everything a trace grain owns: the trace (absent until a trace event arrives), its observations and scores.</summary>
public sealed class TraceAggregate
{
    public Entity? Trace { get; set; }

    public Dictionary<string, Entity> Observations { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Entity> Scores { get; } = new(StringComparer.Ordinal);
}
