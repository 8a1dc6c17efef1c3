using Lantern.Tools;

namespace Lantern.IngestBench;

/// <summary>Command-line options: the workload's shape (batch size, concurrency, rate, payload, populations) and its length.</summary>
internal sealed record BenchOptions(
    string? ApiDll, string PublicKey, string SecretKey, int TracesPerBatch, int Concurrency, int Seconds, int TotalTraces,
    int Rate, int EventBytes, int Users, int Sessions, int ProbeEvery, int BaselineSeconds, string JsonPath, bool Smoke,
    int HotSessionTraces, int WarmupSeconds, int PgWaitsEveryMs, string Payload, string Wal, string Stats, string Ids)
{
    /// <summary>The project the node is started with; the run's traces are stored under it.</summary>
    public const string ProjectId = "bench";

    public const string Usage = """
        usage: Lantern.IngestBench [--smoke] [--traces-per-batch 50] [--concurrency 8] [--seconds 20 | --traces N] [--rate EVENTS_PER_S]
                                   [--event-bytes 1500] [--users 10000] [--sessions 50000] [--probe-every 20]
                                   [--baseline-seconds 10] [--json .data/bench/ingest.json] [--api-dll path/to/Lantern.Api.dll]
                                   [--hot-session-traces 0] [--warmup-seconds 120] [--pg-waits-every-ms 0] [--payload x|words]
                                   [--wal recycled|young] [--stats analyzed|young] [--ids random|sequential]
        Starts Lantern.Api.dll on a free port against LANTERN_DATABASE_URL (see tools/Lantern.IngestBench/bench.sh).
        Each trace is 6 events. --rate makes the load open-loop (batches sent on a fixed schedule, latency measured
        from the scheduled send time); without it each of --concurrency workers sends its next batch on the ack.
        --smoke: a few seconds of small load (the test suite's check that the figures are sane and nothing acked is lost);
        options given explicitly still win.
        --hot-session-traces N: before the load, N traces are sent into one session, whose summary is then read during
        the load beside the random ones (the issue's rollup target is for a session of 20,000 traces).
        --warmup-seconds N: before the measured load, the same load and rollup reads run until the node's JIT has settled
        (tiered compilation of the hot methods), N seconds at most; 0 sends one batch per worker only (the smoke default).
        --pg-waits-every-ms N: samples PostgreSQL's active backends every N ms during the load and prints what they wait
        for (a lock, the WAL flush, a core) and in which statement; 0, the default, samples nothing.
        --payload x|words: what events are padded with: one repeated letter (the default, as in every round before 13)
        or English-like words, which PostgreSQL compresses as hard as real prompts and completions.
        --wal recycled|young: recycled (the default) ends the warm-up with a CHECKPOINT, so that the measured load writes
        its WAL into the segments the warm-up filled, as a server that has run for a while does; young leaves the fresh
        cluster to create (zero-fill and fsync) every 16 MiB segment it reaches, a stall for the commits waiting on it
        (every round before 15 ran so; the smoke default).
        --stats analyzed|young: analyzed (the default) ends the warm-up with an ANALYZE of the tables the node writes, as
        autovacuum has done on a server that has run for a while; young leaves them to autovacuum's first visit, a minute
        or so into the run, and the measured load runs partly with the plans PostgreSQL makes without statistics (every
        round before 17 ran so; the smoke default).
        --ids random|sequential: random (the default) gives each trace an id at a random place in the id indexes, as the
        SDKs' random UUIDs land; sequential gives consecutive traces consecutive ids, which share index pages (every
        round before 29 ran so).
        """;

    public const string RecycledWal = "recycled";
    public const string YoungWal = "young";
    public const string AnalyzedStats = "analyzed";
    public const string YoungStats = "young";
    public const string RandomIdOrder = "random";
    public const string SequentialIdOrder = "sequential";

    public int EventsPerBatch => TracesPerBatch * Workload.EventsPerTrace;

    public bool RandomIds => Ids == RandomIdOrder;

    public static BenchOptions? Parse(string[] args, out string? error)
    {
        var smoke = args.Contains("--smoke");
        args = [.. args.Where(a => a != "--smoke")];
        if (OptionValues.Read(args, out error) is not { } values)
        {
            return null;
        }

        var options = new BenchOptions(
            values.GetValueOrDefault("api-dll"),
            values.GetValueOrDefault("public-key", "pk-lf-bench"),
            values.GetValueOrDefault("secret-key", "sk-lf-bench-secret"),
            OptionValues.Number(values, "traces-per-batch", smoke ? 10 : 50, ref error),
            OptionValues.Number(values, "concurrency", smoke ? 2 : 8, ref error),
            OptionValues.Number(values, "seconds", smoke ? 3 : 20, ref error),
            OptionValues.Number(values, "traces", int.MaxValue, ref error),
            OptionValues.Number(values, "rate", 0, ref error),
            OptionValues.Number(values, "event-bytes", 1_500, ref error),
            OptionValues.Number(values, "users", smoke ? 50 : 10_000, ref error),
            OptionValues.Number(values, "sessions", smoke ? 100 : 50_000, ref error),
            OptionValues.Number(values, "probe-every", smoke ? 2 : 20, ref error),
            OptionValues.Number(values, "baseline-seconds", smoke ? 2 : 10, ref error),
            values.GetValueOrDefault("json", ".data/bench/ingest.json"),
            smoke,
            OptionValues.Number(values, "hot-session-traces", 0, ref error),
            OptionValues.Number(values, "warmup-seconds", smoke ? 0 : 120, ref error, minimum: 0),
            OptionValues.Number(values, "pg-waits-every-ms", 0, ref error, minimum: 0),
            values.GetValueOrDefault("payload", PayloadText.Letter),
            // A smoke run measures nothing, so it needs no checkpoint unless asked for one (the suite's smoke test asks).
            values.GetValueOrDefault("wal", smoke ? YoungWal : RecycledWal),
            values.GetValueOrDefault("stats", smoke ? YoungStats : AnalyzedStats),
            values.GetValueOrDefault("ids", RandomIdOrder));
        error ??= options.Payload is PayloadText.Letter or PayloadText.Words ? null : $"--payload: expected x or words, got '{options.Payload}'";
        error ??= options.Wal is RecycledWal or YoungWal ? null : $"--wal: expected {RecycledWal} or {YoungWal}, got '{options.Wal}'";
        error ??= options.Stats is AnalyzedStats or YoungStats ? null : $"--stats: expected {AnalyzedStats} or {YoungStats}, got '{options.Stats}'";
        error ??= options.Ids is RandomIdOrder or SequentialIdOrder ? null : $"--ids: expected {RandomIdOrder} or {SequentialIdOrder}, got '{options.Ids}'";
        var unknown = values.Keys.Except(Known).FirstOrDefault();
        error ??= unknown is null ? null : $"unknown option --{unknown}";
        return error is null ? options : null;
    }

    private static readonly string[] Known =
    [
        "api-dll", "public-key", "secret-key", "traces-per-batch", "concurrency", "seconds", "traces", "rate", "event-bytes",
        "users", "sessions", "probe-every", "baseline-seconds", "json", "hot-session-traces", "warmup-seconds",
        "pg-waits-every-ms", "payload", "wal", "stats", "ids",
    ];
}
