using System.Net.Http.Headers;
using System.Text;
using Lantern.GuardBench;
using Lantern.Tools;

// Drives POST /api/guard/scan of a fresh node with a mix of benign, injected, toxic and PII-laden texts, with all checks and
// with PII only in alternating rounds, and prints latency, throughput and the models' share (see docs/evaluators.md).
if (BenchOptions.Parse(args, out var error) is not { } options)
{
    Console.Error.WriteLine($"{error}\n{BenchOptions.Usage}");
    return 2;
}

var root = RepositoryRoot();
var databaseUrl = Environment.GetEnvironmentVariable("LANTERN_DATABASE_URL");
var apiDll = options.ApiDll ?? Path.Combine(root, "src/Api/bin/Release/net10.0/Lantern.Api.dll");
var dataDir = options.DataDir ?? Path.Combine(root, "data");
if (databaseUrl is null || !File.Exists(apiDll) || !Directory.Exists(dataDir))
{
    Console.Error.WriteLine($"LANTERN_DATABASE_URL must be set, {apiDll} built and {dataDir} present.\n{BenchOptions.Usage}");
    return 2;
}

if (Environment.GetEnvironmentVariable("LANTERN_ONNXRUNTIME_PATH") is null)
{
    Console.Error.WriteLine("LANTERN_ONNXRUNTIME_PATH must name libonnxruntime.so.1 (source scripts/onnxruntime.sh): the guard answers 503 without it.");
    return 2;
}

var texts = GuardTexts.Load(dataDir, options.Texts, options.Seed);
var loadBefore = ProcessStats.LoadAverage();
var all = new PhaseResult("all checks (models + PII)");
var piiOnly = new PhaseResult("PII only (models off)");
await using (var node = await NodeProcess.StartAsync(Path.GetFullPath(apiDll), databaseUrl, BenchOptions.ProjectId, options.PublicKey, options.SecretKey))
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency + 4 })
    {
        BaseAddress = new Uri(node.Url), Timeout = TimeSpan.FromMinutes(1),
    };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
        "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.PublicKey}:{options.SecretKey}")));
    var runner = new ScanRunner(http, node.Pid, texts, options.Concurrency);

    // Warm-up (JIT, connection pool, vault table), not counted.
    await runner.RunAsync(new PhaseResult("warm-up"), models: true, seconds: options.Smoke ? 1 : 3);
    for (var round = 0; round < options.Rounds; round++)
    {
        await runner.RunAsync(all, models: true, options.Seconds);
        await runner.RunAsync(piiOnly, models: false, options.Seconds);
    }
}

var report = new Report(options, texts, all, piiOnly, loadBefore, ProcessStats.LoadAverage());
report.Print();
await report.WriteJsonAsync(options.JsonPath);
return all.Failures == 0 && piiOnly.Failures == 0 && all.Samples.Count > 0 && piiOnly.Samples.Count > 0 ? 0 : 1;

// The checkout this tool was built in: the folder holding Orleans.sln above the binary.
static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
