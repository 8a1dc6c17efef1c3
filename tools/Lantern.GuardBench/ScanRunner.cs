using System.Diagnostics;
using System.Text.Json;
using Lantern.Tools;

namespace Lantern.GuardBench;

/// <summary>
/// Sends the texts to <c>POST /api/guard/scan</c> in a closed loop (each worker sends its next text on the answer) for a
/// fixed time, and records each answer's HTTP latency and the per-check timings the endpoint reports.
/// </summary>
internal sealed class ScanRunner(HttpClient http, int nodePid, IReadOnlyList<GuardText> texts, int concurrency)
{
    private static readonly string[] PiiOnly = ["pii"];
    private int _next;

    /// <summary>Runs one configuration for <paramref name="seconds"/> and adds what it saw to <paramref name="result"/>.</summary>
    public async Task RunAsync(PhaseResult result, bool models, double seconds)
    {
        var bodies = texts.Select(t => JsonSerializer.SerializeToUtf8Bytes(new { text = t.Text, evaluators = models ? null : PiiOnly })).ToArray();
        var samples = new List<ScanSample>[concurrency];
        var cpuBefore = ProcessStats.CpuSeconds(nodePid);
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(seconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            samples[w] = [];
            while (Stopwatch.GetTimestamp() < until)
            {
                var body = bodies[(Interlocked.Increment(ref _next) & int.MaxValue) % bodies.Length];
                var (sample, failure) = await ScanAsync(body);
                if (sample is { } answered)
                {
                    samples[w].Add(answered);
                }
                else
                {
                    lock (result)
                    {
                        result.Failures++;
                        result.FirstFailure ??= failure;
                    }
                }
            }
        })));
        result.Seconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
        result.ServerCpuSeconds += ProcessStats.CpuSeconds(nodePid) - cpuBefore;
        result.Samples.AddRange(samples.SelectMany(s => s));
    }

    private async Task<(ScanSample? Sample, string? Failure)> ScanAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync("/api/guard/scan", content);
        var answer = await response.Content.ReadAsByteArrayAsync();
        var httpMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            return (null, $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(answer)}");
        }

        using var json = JsonDocument.Parse(answer);
        double injection = 0, toxicity = 0;
        foreach (var verdict in json.RootElement.GetProperty("verdicts").EnumerateArray())
        {
            var ms = verdict.GetProperty("durationMs").GetDouble();
            switch (verdict.GetProperty("evaluator").GetString())
            {
                case "prompt_injection": injection = ms; break;
                case "toxicity": toxicity = ms; break;
            }
        }

        var pii = json.RootElement.GetProperty("pii").GetProperty("durationMs").GetDouble();
        return (new ScanSample(httpMs, injection, toxicity, pii), null);
    }
}
