namespace Lantern.IngestBench;

/// <summary>
/// What the load phase measured: the index of its first trace (those before it were the warm-up's), accepted events, bytes
/// sent, rejections, per-batch ack and per-probe visibility times, and every answered batch (warm-up included) with the
/// events it rejected, so the stored rows can be checked against the acks.
/// </summary>
internal sealed record LoadResult(double Seconds, long FirstTrace, long Events, long Bytes, long Failures, double[] AckMs, double[] VisibleMs, AckedBatch[] Acked)
{
    public double EventsPerSecond => Events / Seconds;

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
