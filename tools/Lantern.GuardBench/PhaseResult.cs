namespace Lantern.GuardBench;

/// <summary>What one configuration (all checks, or PII only) did over all its rounds.</summary>
internal sealed class PhaseResult(string name)
{
    public string Name { get; } = name;

    public List<ScanSample> Samples { get; } = [];

    public double Seconds { get; set; }

    /// <summary>CPU seconds the node spent while this configuration ran.</summary>
    public double ServerCpuSeconds { get; set; }

    public long Failures { get; set; }

    public string? FirstFailure { get; set; }

    public double RequestsPerSecond => Samples.Count / Math.Max(Seconds, 1e-9);

    /// <summary>Requests answered per CPU-second of the node: per core, whatever else shares the machine.</summary>
    public double RequestsPerCpuSecond => Samples.Count / Math.Max(ServerCpuSeconds, 1e-9);

    public double Percentile(Func<ScanSample, double> figure, double q)
    {
        if (Samples.Count == 0)
        {
            return 0;
        }

        var sorted = Samples.Select(figure).Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }
}
