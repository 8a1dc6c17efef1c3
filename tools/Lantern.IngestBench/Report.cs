using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lantern.IngestBench;

/// <summary>The run's figures as a Markdown table on stdout and as JSON, each writer also as a ratio to the COPY ceiling.</summary>
internal sealed class Report(
    BenchOptions options, LoadResult load, PhaseResult lantern, ServerFigures server, RollupProber rollups, Verification verification, PhaseResult copy,
    PhaseResult perEvent, string loadAverageBefore, string loadAverageAfter)
{
    private readonly double _cpuSeconds = server.CpuSeconds;
    private readonly double _pgCpuSeconds = server.PostgresCpuSeconds;
    private readonly ServerMetrics _groupCommit = server.GroupCommit;

    // The issue's ack target: the late acks per slice and the node's share within it are counted against the same line.
    private const double LateAckMs = 25;
    private const double LateSliceSeconds = 5;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public void Print()
    {
        var mode = options.Rate > 0 ? $"open loop at {options.Rate} events/s" : $"closed loop, {options.Concurrency} workers";
        Console.WriteLine(Invariant($"Workload: {options.TracesPerBatch} traces ({options.EventsPerBatch} events) per batch, {mode}, ") +
            Invariant($"{(double)load.Bytes / Math.Max(1, load.Events + load.Failures):F0} B/event, {options.Users} users, {options.Sessions} sessions, {options.Ids} ids, {options.Wal} WAL, {options.Stats} statistics; ") +
            Invariant($"{Environment.ProcessorCount} cores, load average {loadAverageBefore} before, {loadAverageAfter} after."));
        var warmUp = server.WarmUp;
        Console.WriteLine(Invariant($"Warm-up, not measured: {warmUp.Seconds:F0} s of the same load, ") +
            (warmUp.JitSettled ? "until the node's JIT settled " : "stopped by --warmup-seconds before the node's JIT settled ") +
            Invariant($"({warmUp.JitSeconds:F1} s compiling); {_groupCommit.JitSeconds:F2} s compiling during the measured load."));
        Console.WriteLine();
        Console.WriteLine("| writer (same rows) | events | seconds | events/s | vs COPY | commits | rows written | WAL MiB | table MiB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var phase in new[] { lantern, copy, perEvent })
        {
            var w = phase.Written;
            Console.WriteLine(Invariant($"| {phase.Name} | {phase.Events} | {phase.Seconds:F2} | {phase.EventsPerSecond:F0} | {phase.EventsPerSecond / copy.EventsPerSecond:P1} | ") +
                Invariant($"{w.Commits} | {w.RowsWritten} | {w.WalBytes / 1048576.0:F1} | {w.TableBytes / 1048576.0:F1} |"));
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"Lantern: ack latency per batch p50 {P(load.AckMs, 0.5):F1} ms, p95 {P(load.AckMs, 0.95):F1} ms, p99 {P(load.AckMs, 0.99):F1} ms ") +
            Invariant($"({load.AckMs.Length} batches); visibility lag p50 {P(load.VisibleMs, 0.5):F1} ms, p99 {P(load.VisibleMs, 0.99):F1} ms ({load.VisibleMs.Length} probes); ") +
            Invariant($"rejected events {load.Failures}."));
        Console.WriteLine(Invariant($"Lantern: acks over {LateAckMs:F0} ms by when the batch was due, per {LateSliceSeconds:F0} s of the load: ") +
            string.Join(" ", load.LateAcksPerSlice(LateAckMs, LateSliceSeconds)) + Invariant($" (the load began at {load.Started:HH:mm:ss.f} UTC)."));
        var acked = server.JournalDrainSeconds is { } drain
            ? Invariant($"fsynced to the node's journal; the last stored {drain:F1} s after the load")
            : "committed to PostgreSQL, the node having no journal";
        Console.WriteLine(Invariant($"Lantern's own ack histogram (body read to response written, {acked}): p50 {server.Acks.Quantile(0.5) * 1000:F1} ms, ") +
            Invariant($"p99 {server.Acks.Quantile(0.99) * 1000:F1} ms (interpolated in buckets, as histogram_quantile), {server.Acks.ShareWithin(LateAckMs / 1000):P1} within {LateAckMs:F0} ms ") +
            Invariant($"({server.Acks.Count:F0} requests)."));
        Console.WriteLine(Invariant($"Lantern group commit: {_groupCommit.Commits:F0} commits, mean {_groupCommit.CommitSeconds * 1000 / Math.Max(1, _groupCommit.Commits):F1} ms, ") +
            Invariant($"p50 {server.CommitDurations.Quantile(0.5) * 1000:F1} ms, p99 {server.CommitDurations.Quantile(0.99) * 1000:F1} ms, ") +
            Invariant($"committing {_groupCommit.CommitSeconds / load.Seconds:P0} of the run (summed over concurrent commits); per commit {_groupCommit.TraceRows / Math.Max(1, _groupCommit.Commits):F1} trace, ") +
            Invariant($"{_groupCommit.ObservationRows / Math.Max(1, _groupCommit.Commits):F1} observation, {_groupCommit.RollupRows / Math.Max(1, _groupCommit.Commits):F1} rollup rows."));
        Console.WriteLine("Lantern: table scans by the server during the load (reads): " +
            string.Join(", ", lantern.Written.ScansPerTable.OrderByDescending(t => t.Value).Select(t => Invariant($"{t.Key} {t.Value}"))));
        Console.WriteLine(Invariant($"Lantern process: {_cpuSeconds:F1} CPU s ({_cpuSeconds / load.Seconds:F2} cores, {_cpuSeconds * 1e6 / Math.Max(1, load.Events):F0} µs/event), peak RSS {server.PeakRssMiB:F0} MiB; ") +
            Invariant($"PostgreSQL: {_pgCpuSeconds:F1} CPU s ({_pgCpuSeconds / load.Seconds:F2} cores, {_pgCpuSeconds * 1e6 / Math.Max(1, load.Events):F0} µs/event)."));
        Console.WriteLine(Invariant($"Lantern GC: {_groupCommit.AllocatedBytes / Math.Max(1, load.Events) / 1024:F1} KiB allocated per event, ") +
            Invariant($"{_groupCommit.Collections:F0} collections (gen1 {_groupCommit.Gen1Collections:F0}, gen2 {_groupCommit.Gen2Collections:F0}; {_groupCommit.IdleCollections:F0} between requests), paused {_groupCommit.GcPauseSeconds:F2} s ({_groupCommit.GcPauseSeconds / load.Seconds:P1} of the run)."));
        if (server.Evaluators is { } evaluated)
        {
            Console.WriteLine(Invariant($"Evaluators: {evaluated.Scored:F0} texts scored by each model during the load ({evaluated.Scored / load.Seconds:F0}/s, ") +
                Invariant($"{evaluated.Scored * Workload.EventsPerTrace / Math.Max(1, load.Events):F1} per trace), {evaluated.Shed:F0} shed; ") +
                Invariant($"backlog {evaluated.BacklogAtEnd:F0} when the load stopped; caught up {evaluated.CatchUpSeconds:F1} s later ") +
                Invariant($"(stream and shed backlog empty; {evaluated.Requeued:F0} shed texts queued again, {evaluated.NotRemembered:F0} not remembered)."));
        }

        Console.WriteLine(Invariant($"Rollups under load: GET /users/{{id}} p50 {P(rollups.UserMs, 0.5):F1} ms, p99 {P(rollups.UserMs, 0.99):F1} ms ({rollups.UserMs.Length}); ") +
            Invariant($"GET /sessions/{{id}}/summary p50 {P(rollups.SessionMs, 0.5):F1} ms, p99 {P(rollups.SessionMs, 0.99):F1} ms ({rollups.SessionMs.Length})."));
        if (options.HotSessionTraces > 0)
        {
            Console.WriteLine(Invariant($"Hot session ({options.HotSessionTraces} traces) summary under load: p50 {P(rollups.HotSessionMs, 0.5):F1} ms, ") +
                Invariant($"p95 {P(rollups.HotSessionMs, 0.95):F1} ms, p99 {P(rollups.HotSessionMs, 0.99):F1} ms ({rollups.HotSessionMs.Length})."));
        }

        Console.WriteLine(Invariant($"Rollup reads as the node timed them: GET /users/{{id}} {server.Reads.Users.ShareWithin(0.005):P1} within 5 ms, ") +
            Invariant($"GET /sessions/{{id}}/summary (random and hot) {server.Reads.Sessions.ShareWithin(0.005):P1} within 5 ms."));

        server.PostgresWaits?.Print();
        Console.WriteLine(Invariant($"Correctness: {verification.AckedEvents} acknowledged events (warm-up included), {verification.MissingEvents} not found in PostgreSQL") +
            (verification.Examples.Count > 0 ? $" (e.g. {string.Join(", ", verification.Examples)})." : "."));
    }

    public async Task WriteJsonAsync(string path)
    {
        var json = new JsonObject
        {
            ["at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["options"] = JsonSerializer.SerializeToNode(options),
            ["cores"] = Environment.ProcessorCount,
            ["loadAverage"] = new JsonObject { ["before"] = loadAverageBefore, ["after"] = loadAverageAfter },
            ["warmUp"] = new JsonObject
            {
                ["seconds"] = server.WarmUp.Seconds, ["jitSettled"] = server.WarmUp.JitSettled, ["jitSeconds"] = server.WarmUp.JitSeconds,
            },
            ["lantern"] = new JsonObject
            {
                ["phase"] = Phase(lantern),
                ["rejectedEvents"] = load.Failures,
                ["bytesPerEvent"] = (double)load.Bytes / Math.Max(1, load.Events + load.Failures),
                ["ackMs"] = new JsonObject
                {
                    ["p50"] = Finite(P(load.AckMs, 0.5)), ["p95"] = Finite(P(load.AckMs, 0.95)), ["p99"] = Finite(P(load.AckMs, 0.99)), ["batches"] = load.AckMs.Length,
                    ["over25MsPer5s"] = new JsonArray([.. load.LateAcksPerSlice(LateAckMs, LateSliceSeconds).Select(n => (JsonNode)n)]),
                },
                ["serverAckMs"] = new JsonObject
                {
                    ["p50"] = Finite(server.Acks.Quantile(0.5) * 1000), ["p99"] = Finite(server.Acks.Quantile(0.99) * 1000),
                    ["shareWithin25Ms"] = Finite(server.Acks.ShareWithin(LateAckMs / 1000)), ["requests"] = server.Acks.Count,
                },
                ["ackedAfter"] = server.JournalDrainSeconds is null ? "commit" : "journal",
                ["journalDrainSeconds"] = server.JournalDrainSeconds,
                ["visibilityMs"] = new JsonObject { ["p50"] = Finite(P(load.VisibleMs, 0.5)), ["p95"] = Finite(P(load.VisibleMs, 0.95)), ["p99"] = Finite(P(load.VisibleMs, 0.99)), ["probes"] = load.VisibleMs.Length },
                ["cpuSeconds"] = _cpuSeconds,
                ["peakRssMiB"] = server.PeakRssMiB,
                ["postgresCpuSeconds"] = _pgCpuSeconds,
                ["groupCommit"] = JsonSerializer.SerializeToNode(_groupCommit),
                ["commitMs"] = new JsonObject
                {
                    ["p50"] = Finite(server.CommitDurations.Quantile(0.5) * 1000), ["p99"] = Finite(server.CommitDurations.Quantile(0.99) * 1000),
                },
                ["rollupMs"] = new JsonObject
                {
                    ["users"] = Latency(rollups.UserMs), ["sessions"] = Latency(rollups.SessionMs),
                    ["hotSession"] = options.HotSessionTraces > 0 ? Latency(rollups.HotSessionMs) : null,
                    ["nodeUsersShareWithin5Ms"] = Finite(server.Reads.Users.ShareWithin(0.005)),
                    ["nodeSessionsShareWithin5Ms"] = Finite(server.Reads.Sessions.ShareWithin(0.005)),
                },
                ["verification"] = new JsonObject
                {
                    ["ackedEvents"] = verification.AckedEvents,
                    ["missingEvents"] = verification.MissingEvents,
                    ["examples"] = new JsonArray([.. verification.Examples.Select(e => JsonValue.Create(e))]),
                },
                ["tableScans"] = JsonSerializer.SerializeToNode(lantern.Written.ScansPerTable),
                ["evaluators"] = server.Evaluators is null ? null : JsonSerializer.SerializeToNode(server.Evaluators),
                ["postgresWaits"] = server.PostgresWaits?.ToJson(),
            },
            ["copy"] = Phase(copy),
            ["perEventUpsert"] = Phase(perEvent),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, json.ToJsonString(Indented));
        Console.WriteLine($"Figures written to {path}.");
    }

    private JsonObject Phase(PhaseResult phase) => new()
    {
        ["events"] = phase.Events,
        ["seconds"] = phase.Seconds,
        ["eventsPerSecond"] = phase.EventsPerSecond,
        ["ratioToCopy"] = phase.EventsPerSecond / copy.EventsPerSecond,
        ["commits"] = phase.Written.Commits,
        ["rowsWritten"] = phase.Written.RowsWritten,
        ["walBytes"] = phase.Written.WalBytes,
        ["tableBytes"] = phase.Written.TableBytes,
    };

    private static JsonObject Latency(double[] samples) => new()
    {
        ["p50"] = Finite(P(samples, 0.5)), ["p95"] = Finite(P(samples, 0.95)), ["p99"] = Finite(P(samples, 0.99)), ["count"] = samples.Length,
    };

    // No samples (a short run with no probe answered) is null in the JSON, which cannot hold NaN.
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static double P(double[] samples, double p) => LoadResult.Percentile(samples, p);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
