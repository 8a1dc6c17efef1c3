using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lantern.GuardBench;

/// <summary>The run's figures as Markdown tables on stdout and as JSON: both configurations, each check, and the models' share.</summary>
internal sealed class Report(BenchOptions options, IReadOnlyList<GuardText> texts, PhaseResult all, PhaseResult piiOnly, string loadBefore, string loadAfter)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>p50 of the HTTP call with the models minus without them: what a caller waits longer for the models.</summary>
    public double AddedHttpP50Ms => all.Percentile(s => s.HttpMs, 0.5) - piiOnly.Percentile(s => s.HttpMs, 0.5);

    /// <summary>Node CPU per request with the models minus without them, in microseconds.</summary>
    public double AddedCpuUsPerRequest => CpuUs(all) - CpuUs(piiOnly);

    public void Print()
    {
        Console.WriteLine(Invariant($"Texts: {texts.Count} ({string.Join(", ", texts.GroupBy(t => t.Kind).Select(g => $"{g.Key} {g.Count()}"))}), ") +
            Invariant($"mean {texts.Average(t => t.Text.Length):F0} chars, median {Median(texts.Select(t => (double)t.Text.Length)):F0}; ") +
            Invariant($"{options.Concurrency} workers, {options.Rounds} × {options.Seconds} s per configuration; {Environment.ProcessorCount} cores, ") +
            Invariant($"load average {loadBefore} before, {loadAfter} after."));
        Console.WriteLine();
        Console.WriteLine("| configuration | requests | requests/s | HTTP p50 ms | p95 ms | p99 ms | node CPU µs/request | requests per node CPU-s | failures |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var phase in new[] { all, piiOnly })
        {
            Console.WriteLine(Invariant($"| {phase.Name} | {phase.Samples.Count} | {phase.RequestsPerSecond:F0} | {phase.Percentile(s => s.HttpMs, 0.5):F2} | ") +
                Invariant($"{phase.Percentile(s => s.HttpMs, 0.95):F2} | {phase.Percentile(s => s.HttpMs, 0.99):F2} | {CpuUs(phase):F0} | {phase.RequestsPerCpuSecond:F0} | {phase.Failures} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| check (as the endpoint reports it, all checks) | p50 ms | p95 ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, figure) in Checks)
        {
            Console.WriteLine(Invariant($"| {name} | {all.Percentile(figure, 0.5):F3} | {all.Percentile(figure, 0.95):F3} | {all.Percentile(figure, 0.99):F3} |"));
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"Added by the models: HTTP p50 {AddedHttpP50Ms:F2} ms (all checks minus PII only), ") +
            Invariant($"in-endpoint p50 {all.Percentile(s => s.ModelsMs, 0.5):F3} ms; node CPU {AddedCpuUsPerRequest:F0} µs/request."));
        foreach (var phase in new[] { all, piiOnly }.Where(p => p.FirstFailure is not null))
        {
            Console.WriteLine($"{phase.Name}: first failure {phase.FirstFailure}");
        }
    }

    public async Task WriteJsonAsync(string path)
    {
        // The options without the secret key: a figures file is meant to be shared.
        var shown = JsonSerializer.SerializeToNode(options)!.AsObject();
        shown.Remove(nameof(BenchOptions.SecretKey));
        var json = new JsonObject
        {
            ["at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["options"] = shown,
            ["cores"] = Environment.ProcessorCount,
            ["loadAverage"] = new JsonObject { ["before"] = loadBefore, ["after"] = loadAfter },
            ["texts"] = new JsonObject
            {
                ["count"] = texts.Count,
                ["meanChars"] = Math.Round(texts.Average(t => t.Text.Length), 1),
                ["byKind"] = new JsonObject(texts.GroupBy(t => t.Kind).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))),
            },
            ["allChecks"] = Phase(all),
            ["piiOnly"] = Phase(piiOnly),
            ["checksMs"] = new JsonObject(Checks.Select(c => KeyValuePair.Create(c.Name, (JsonNode?)Percentiles(all, c.Figure)))),
            ["addedByModels"] = new JsonObject
            {
                ["httpP50Ms"] = Math.Round(AddedHttpP50Ms, 3),
                ["endpointP50Ms"] = Math.Round(all.Percentile(s => s.ModelsMs, 0.5), 4),
                ["cpuUsPerRequest"] = Math.Round(AddedCpuUsPerRequest, 1),
            },
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, json.ToJsonString(Indented));
        Console.WriteLine($"Figures written to {path}");
    }

    private static readonly (string Name, Func<ScanSample, double> Figure)[] Checks =
    [
        ("prompt_injection", s => s.InjectionMs), ("toxicity", s => s.ToxicityMs), ("models (both)", s => s.ModelsMs), ("pii", s => s.PiiMs),
    ];

    private static double CpuUs(PhaseResult phase) => phase.ServerCpuSeconds * 1e6 / Math.Max(1, phase.Samples.Count);

    private static JsonObject Phase(PhaseResult phase) => new()
    {
        ["requests"] = phase.Samples.Count,
        ["seconds"] = Math.Round(phase.Seconds, 3),
        ["requestsPerSecond"] = Math.Round(phase.RequestsPerSecond, 1),
        ["httpMs"] = Percentiles(phase, s => s.HttpMs),
        ["serverCpuSeconds"] = Math.Round(phase.ServerCpuSeconds, 2),
        ["requestsPerServerCpuSecond"] = Math.Round(phase.RequestsPerCpuSecond, 1),
        ["failures"] = phase.Failures,
    };

    private static JsonObject Percentiles(PhaseResult phase, Func<ScanSample, double> figure) => new()
    {
        ["p50"] = Math.Round(phase.Percentile(figure, 0.5), 4),
        ["p95"] = Math.Round(phase.Percentile(figure, 0.95), 4),
        ["p99"] = Math.Round(phase.Percentile(figure, 0.99), 4),
    };

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
