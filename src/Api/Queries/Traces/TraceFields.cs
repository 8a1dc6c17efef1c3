namespace Lantern.Api.Queries.Traces;

/// <summary>The <c>fields</c> groups of a trace read: left-out groups are returned empty (or -1 for metrics), as Langfuse does.</summary>
public sealed record TraceFields(bool Io, bool Scores, bool Observations, bool Metrics)
{
    private static readonly string[] Groups = ["core", "io", "scores", "observations", "metrics"];

    public static TraceFields All { get; } = new(true, true, true, true);

    public static TraceFields? Parse(string raw, out string? error)
    {
        error = null;
        if (raw.Length == 0)
        {
            return All;
        }

        var groups = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (groups.FirstOrDefault(g => !Groups.Contains(g, StringComparer.Ordinal)) is { } unknown)
        {
            error = $"fields: unknown group '{unknown}', expected a comma list of {string.Join(", ", Groups)}";
            return null;
        }

        return new TraceFields(groups.Contains("io"), groups.Contains("scores"), groups.Contains("observations"), groups.Contains("metrics"));
    }

    public TraceView Apply(TraceView trace) => trace with
    {
        Input = Io ? trace.Input : null,
        Output = Io ? trace.Output : null,
        Metadata = Io ? trace.Metadata : null,
        Scores = Scores ? trace.Scores : [],
        Observations = Observations ? trace.Observations : [],
        Latency = Metrics ? trace.Latency : -1,
        TotalCost = Metrics ? trace.TotalCost : -1,
    };
}
