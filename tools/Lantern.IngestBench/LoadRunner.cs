using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Lantern.IngestBench;

/// <summary>
/// Sends batches to <c>POST /api/public/ingestion</c> closed-loop (each worker sends on the previous ack) or open-loop at a
/// fixed rate, records the ack latency of every batch, and for every Nth batch polls the first trace until its output and
/// its generation's computed cost are readable (the visibility lag, measured from the ack).
/// </summary>
internal sealed class LoadRunner(HttpClient http, BenchOptions options, Workload workload)
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly ConcurrentBag<Ack> _acks = [];
    private readonly ConcurrentBag<double> _visibleMs = [];
    private readonly ConcurrentBag<Task> _probes = [];
    private readonly ConcurrentBag<AckedBatch> _acked = [];
    private long _events;
    private long _bytes;
    private long _failures;
    private long _batches;
    private long _phaseStarted;
    private DateTime _phaseStartedUtc;

    /// <summary>
    /// Load that is not measured: one batch per worker (connection pools, the first grain activations), then the configured
    /// load until <paramref name="settled"/> is cancelled (the node's JIT has settled). Its batches still count as acked.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken settled)
    {
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => SendAsync(workload.NextBatch(), Stopwatch.GetTimestamp())));
        await DriveAsync(_ => !settled.IsCancellationRequested, long.MaxValue);

        await Task.WhenAll(_probes);
        (_events, _bytes, _failures, _batches) = (0, 0, 0, 0);
        _acks.Clear();
        _visibleMs.Clear();
        _probes.Clear();
    }

    public async Task<LoadResult> RunAsync()
    {
        var firstTrace = workload.TracesIssued;
        var deadline = TimeSpan.FromSeconds(options.Seconds);
        var maxBatches = options.TotalTraces == int.MaxValue ? long.MaxValue : Math.Max(1, options.TotalTraces / options.TracesPerBatch);
        var elapsed = await DriveAsync(sinceStart => sinceStart < deadline, maxBatches);
        await Task.WhenAll(_probes);
        return new LoadResult(elapsed, _phaseStartedUtc, firstTrace, _events, _bytes, _failures, [.. _acks], [.. _visibleMs], [.. _acked]);
    }

    /// <summary>Sends batches while <paramref name="goOn"/> holds for the time since the start; returns the seconds it took.</summary>
    private async Task<double> DriveAsync(Func<TimeSpan, bool> goOn, long maxBatches)
    {
        var clock = Stopwatch.StartNew();
        _phaseStarted = Stopwatch.GetTimestamp();
        _phaseStartedUtc = DateTime.UtcNow;
        if (options.Rate > 0)
        {
            await OpenLoopAsync(clock, goOn, maxBatches);
        }
        else
        {
            await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
            {
                while (goOn(clock.Elapsed) && Interlocked.Increment(ref _batches) <= maxBatches)
                {
                    var batch = workload.NextBatch();
                    await SendAsync(batch, Stopwatch.GetTimestamp());
                }
            })));
        }

        return clock.Elapsed.TotalSeconds;
    }

    private async Task OpenLoopAsync(Stopwatch clock, Func<TimeSpan, bool> goOn, long maxBatches)
    {
        var interval = TimeSpan.FromSeconds((double)options.EventsPerBatch / options.Rate);
        var inFlight = new List<Task>();
        for (long n = 0; n < maxBatches; n++)
        {
            var due = interval * n;
            if (!goOn(due))
            {
                break;
            }

            // Built before its send time: the latency measured is the server's and the network's, not the generator's.
            var batch = workload.NextBatch();
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            // Latency counts from the scheduled time, so a slow server is not hidden by sending late (coordinated omission).
            var scheduled = Stopwatch.GetTimestamp() - (long)((clock.Elapsed - due).TotalSeconds * Stopwatch.Frequency);
            inFlight.Add(Task.Run(() => SendAsync(batch, scheduled)));
            inFlight.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SendAsync((byte[] Body, long FirstTrace) batch, long scheduled)
    {
        var (body, firstTrace) = batch;
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonType;
        try
        {
            using var response = await http.PostAsync("/api/public/ingestion", content);
            var answer = await response.Content.ReadAsByteArrayAsync();
            var acked = Stopwatch.GetTimestamp();
            var rejectedIds = response.StatusCode == HttpStatusCode.MultiStatus ? Errors(answer) : null;
            var rejected = rejectedIds?.Count ?? options.EventsPerBatch;
            if (rejectedIds is not null)
            {
                _acked.Add(new AckedBatch(firstTrace, options.TracesPerBatch, rejectedIds));
            }

            if (rejected > 0)
            {
                Interlocked.Add(ref _failures, rejected);
                if (Interlocked.Read(ref _failures) == rejected)
                {
                    await Console.Error.WriteLineAsync($"ingestion answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(answer)[..Math.Min(500, answer.Length)]}");
                }
            }

            _acks.Add(new Ack(Stopwatch.GetElapsedTime(_phaseStarted, scheduled).TotalSeconds, Stopwatch.GetElapsedTime(scheduled, acked).TotalMilliseconds));
            Interlocked.Add(ref _events, options.EventsPerBatch - rejected);
            Interlocked.Add(ref _bytes, body.Length);
            if (rejected == 0 && (firstTrace / options.TracesPerBatch) % options.ProbeEvery == 0)
            {
                _probes.Add(ProbeAsync(workload.Ids.Of(firstTrace), acked));
            }
        }
        catch (HttpRequestException exception)
        {
            Interlocked.Add(ref _failures, options.EventsPerBatch);
            await Console.Error.WriteLineAsync($"ingestion request failed: {exception.Message}");
        }
    }

    private async Task ProbeAsync(string traceId, long acked)
    {
        var giveUp = TimeSpan.FromSeconds(30);
        while (Stopwatch.GetElapsedTime(acked) < giveUp)
        {
            using var response = await http.GetAsync($"/api/public/traces/{traceId}");
            if (response.IsSuccessStatusCode && IsComplete(await response.Content.ReadAsByteArrayAsync()))
            {
                _visibleMs.Add(Stopwatch.GetElapsedTime(acked).TotalMilliseconds);
                return;
            }

            await Task.Delay(5);
        }

        await Console.Error.WriteLineAsync($"trace {traceId} was not complete 30 s after its ack");
    }

    private static bool IsComplete(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var trace = document.RootElement;
        return trace.TryGetProperty("output", out var output) && output.ValueKind != JsonValueKind.Null &&
            trace.GetProperty("observations").EnumerateArray().Any(o =>
                o.GetProperty("type").GetString() == "GENERATION" &&
                o.TryGetProperty("calculatedTotalCost", out var cost) && cost.ValueKind == JsonValueKind.Number && cost.GetDecimal() > 0);
    }

    private static HashSet<string> Errors(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("id").GetString() ?? "")];
    }
}
