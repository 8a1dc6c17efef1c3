namespace Lantern.IngestBench;

/// <summary>One writer's figures for the same rows: how long it took, how many events that stands for, what PostgreSQL wrote.</summary>
internal sealed record PhaseResult(string Name, double Seconds, long Events, PgSnapshot Written)
{
    public double EventsPerSecond => Events / Seconds;
}
