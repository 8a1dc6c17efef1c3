namespace Lantern.Silo.Cluster;

/// <summary>
/// The one durable evaluation queue of a cluster: every silo sends its committed texts there and every silo with
/// evaluators consumes it competitively, so scoring spreads to whichever silo has time.
/// </summary>
public static class EvaluationQueue
{
    /// <summary>
    /// Messages a silo holds unacknowledged: one being taken by its worker and one waiting. More would let a busy silo
    /// hoard texts that an idle one could score; fewer would leave its worker waiting for a broker round trip.
    /// </summary>
    public const int Prefetch = 2;

    public static string Name(string cluster) => $"{cluster}-evaluations";

    public static Uri Address(string cluster) => new($"queue:{Name(cluster)}");
}
