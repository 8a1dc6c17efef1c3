namespace Lantern.Grains.Traces;

public enum EntityKind
{
    Trace,
    Observation,
    Score,
}
