namespace Lantern.IngestBench;

/// <summary>
/// What the load phase measured: when it started (UTC, to find its seconds in other logs), the index of its first trace
/// (those before it were the warm-up's), accepted events, bytes sent, rejections, per-batch acks (when due, how long) and
/// per-probe visibility times, and every answered batch (warm-up included) with the events it rejected, so the stored rows
/// can be checked against the acks.
/// </summary>
internal sealed record LoadResult(double Seconds, DateTime Started, long FirstTrace, long Events, long Bytes, long Failures, Ack[] Acks, double[] VisibleMs, AckedBatch[] Acked)
{
    public double EventsPerSecond => Events / Seconds;

    public double[] AckMs { get; } = [.. Acks.Select(a => a.Ms)];

    /// <summary>
    /// How many acks took longer than <paramref name="ms"/> among the batches due in each <paramref name="slice"/>-second
    /// slice of the phase: late acks that bunch in a few slices are a stall (a checkpoint, the box slowing), spread ones
    /// are the steady tail.
    /// </summary>
    public int[] LateAcksPerSlice(double ms, double slice)
    {
        var late = new int[Acks.Length == 0 ? 1 : (int)(Acks.Max(a => a.DueSeconds) / slice) + 1];
        foreach (var ack in Acks.Where(a => a.Ms > ms))
        {
            late[Math.Min(late.Length - 1, (int)(ack.DueSeconds / slice))]++;
        }

        return late;
    }

    public static double Percentile(double[] samples, double p)
    {
        if (samples.Length == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
