using System.Net.Http.Headers;
using System.Text;
using Lantern.IngestBench;
using Lantern.Tools;
using Npgsql;

// Drives the Langfuse ingestion API of a fresh node with the peers' workload, then writes the same rows with COPY and with
// one upsert transaction per event, and prints all three on one table (see docs/benchmarks.md).
if (BenchOptions.Parse(args, out var error) is not { } options)
{
    Console.Error.WriteLine($"{error}\n{BenchOptions.Usage}");
    return 2;
}

var databaseUrl = Environment.GetEnvironmentVariable("LANTERN_DATABASE_URL");
var apiDll = options.ApiDll ?? Path.Combine(AppContext.BaseDirectory, "../../../../../src/Api/bin/Release/net10.0/Lantern.Api.dll");
if (databaseUrl is null || !File.Exists(apiDll))
{
    Console.Error.WriteLine($"LANTERN_DATABASE_URL must be set and {apiDll} built.\n{BenchOptions.Usage}");
    return 2;
}

// A postgres:// URL (bench.sh) or a key=value connection string (the test suite), as the node itself accepts.
NpgsqlConnectionStringBuilder connectionString;
if (databaseUrl.StartsWith("postgres", StringComparison.Ordinal))
{
    var uri = new Uri(databaseUrl);
    var credentials = uri.UserInfo.Split(':');
    connectionString = new NpgsqlConnectionStringBuilder
    {
        Host = uri.Host, Port = uri.Port, Username = credentials[0], Password = credentials[1], Database = uri.AbsolutePath.TrimStart('/'),
    };
}
else
{
    connectionString = new NpgsqlConnectionStringBuilder(databaseUrl);
}

connectionString.MaxPoolSize = 64;
await using var db = NpgsqlDataSource.Create(connectionString.ConnectionString);

var loadBefore = ProcessStats.LoadAverage();
var runId = Guid.NewGuid().ToString("N")[..8];
var ids = new TraceIds(runId, options.RandomIds);
LoadResult load;
PgSnapshot lanternWritten;
double cpuSeconds, pgCpuSeconds, peakRss;
double? journalDrainSeconds;
var postmaster = await PgSnapshot.PostmasterAsync(db);
ServerMetrics groupCommit;
ServerHistogram serverAcks, commits;
RollupReads rollupReads;
EvaluatorRun? evaluators;
RollupProber rollups;
var pgWaits = options.PgWaitsEveryMs > 0 ? new PgWaitSampler(db, options.PgWaitsEveryMs) : null;
Verification verification;
WarmUp warmUp;
await using (var node = await NodeProcess.StartAsync(Path.GetFullPath(apiDll), databaseUrl, BenchOptions.ProjectId, options.PublicKey, options.SecretKey))
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency + 16 })
    {
        BaseAddress = new Uri(node.Url), Timeout = TimeSpan.FromMinutes(2),
    };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
        "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.PublicKey}:{options.SecretKey}")));
    await HotSessionSeeder.SeedAsync(http, options, runId);
    var runner = new LoadRunner(http, options, new Workload(options, ids));
    using (var settled = new CancellationTokenSource())
    {
        var watching = JitSettling.WatchAsync(http, TimeSpan.FromSeconds(options.WarmupSeconds), settled);
        // The measured load's reads too, timed by a prober whose figures are dropped: the JIT settles for them as well.
        var reading = new RollupProber(http, options).RunAsync(settled.Token);
        await runner.WarmUpAsync(settled.Token);
        warmUp = await watching;
        await reading;
    }

    if (options.Stats == BenchOptions.AnalyzedStats)
    {
        // A fresh database has no statistics until autovacuum first visits it, a minute or so into the load, and the plans
        // PostgreSQL makes without them differ (round 17 in docs/benchmarks.md: the new-trace check keeps its plans only
        // once a table's statistics count enough rows). A server that has been running has them.
        await using var analyze = db.CreateCommand("ANALYZE traces, observations, scores, rollups");
        analyze.CommandTimeout = 0;
        await analyze.ExecuteNonQueryAsync();
    }

    if (options.Wal == BenchOptions.RecycledWal)
    {
        // A fresh cluster has no WAL segment to reuse: at 12,500 events/s it creates (zero-fills and fsyncs) a 16 MiB
        // segment every second or two, and the commits waiting for it stall (round 15 in docs/benchmarks.md). After a
        // checkpoint the warm-up's segments are recycled, as on a server that has been running.
        await using var checkpoint = db.CreateCommand("CHECKPOINT");
        checkpoint.CommandTimeout = 0;
        await checkpoint.ExecuteNonQueryAsync();
    }

    rollups = new RollupProber(http, options);
    var before = await PgSnapshot.TakeAsync(db, "traces", "observations", "rollups");
    var metricsBefore = await ServerMetrics.ScrapeAsync(http);
    var serverAcksBefore = await ServerHistogram.ScrapeAsync(http, ServerHistogram.Acks);
    var commitsBefore = await ServerHistogram.ScrapeAsync(http, ServerHistogram.Commits);
    var rollupReadsBefore = await RollupReads.ScrapeAsync(http);
    var evaluatorsBefore = await EvaluatorRun.CountersAsync(http);
    var cpuBefore = ProcessStats.CpuSeconds(node.Pid);
    var pgCpuBefore = ProcessStats.ServerTreeCpuSeconds(postmaster);
    using var stopProbes = new CancellationTokenSource();
    var probing = rollups.RunAsync(stopProbes.Token);
    var sampling = pgWaits?.RunAsync(stopProbes.Token) ?? Task.CompletedTask;
    load = await runner.RunAsync();
    await stopProbes.CancelAsync();
    await probing;
    await sampling;
    // With the journal, acknowledged batches may still be on their way to PostgreSQL: the rate counts until they are stored.
    journalDrainSeconds = await JournalDrain.WaitAsync(http);
    load = load with { Seconds = load.Seconds + (journalDrainSeconds ?? 0) };

    cpuSeconds = ProcessStats.CpuSeconds(node.Pid) - cpuBefore;
    pgCpuSeconds = ProcessStats.ServerTreeCpuSeconds(postmaster) - pgCpuBefore;
    peakRss = ProcessStats.PeakRssMiB(node.Pid);
    groupCommit = (await ServerMetrics.ScrapeAsync(http)).Minus(metricsBefore);
    serverAcks = (await ServerHistogram.ScrapeAsync(http, ServerHistogram.Acks)).Minus(serverAcksBefore);
    commits = (await ServerHistogram.ScrapeAsync(http, ServerHistogram.Commits)).Minus(commitsBefore);
    rollupReads = (await RollupReads.ScrapeAsync(http)).Minus(rollupReadsBefore);
    evaluators = await EvaluatorRun.FinishAsync(http, evaluatorsBefore);
    lanternWritten = (await PgSnapshot.TakeAsync(db, "traces", "observations", "rollups")).Minus(before);
    verification = await Verification.CheckAsync(db, BenchOptions.ProjectId, ids, load.Acked);
}

var copy = await Baselines.CopyAsync(db, load.Events, runId, load.FirstTrace);
var perEvent = await Baselines.PerEventAsync(db, options.Concurrency, TimeSpan.FromSeconds(options.BaselineSeconds), runId, load.FirstTrace);
var report = new Report(options, load, new PhaseResult("Lantern (ingestion API)", load.Seconds, load.Events, lanternWritten),
    new ServerFigures(cpuSeconds, pgCpuSeconds, peakRss, groupCommit, serverAcks, commits, rollupReads, evaluators, warmUp, pgWaits, journalDrainSeconds), rollups, verification, copy, perEvent, loadBefore, ProcessStats.LoadAverage());
report.Print();
await report.WriteJsonAsync(options.JsonPath);
return load.Failures == 0 && verification.MissingEvents == 0 ? 0 : 1;
