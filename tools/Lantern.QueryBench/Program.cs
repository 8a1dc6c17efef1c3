using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Lantern.QueryBench;
using Lantern.Tools;

// Seeds one session of N traces (one user) through the ingestion API, then times the rollup reads over HTTP.
if (BenchOptions.Parse(args, out var error) is not { } options)
{
    Console.Error.WriteLine($"{error}\n{BenchOptions.Usage}");
    return 2;
}

NodeProcess? node = null;
if (options.Url is null)
{
    var databaseUrl = Environment.GetEnvironmentVariable("LANTERN_DATABASE_URL");
    var apiDll = options.ApiDll ?? Path.Combine(AppContext.BaseDirectory, "../../../../../src/Api/bin/Release/net10.0/Lantern.Api.dll");
    if (databaseUrl is null || !File.Exists(apiDll))
    {
        Console.Error.WriteLine($"Without --url, LANTERN_DATABASE_URL must be set and {apiDll} built.\n{BenchOptions.Usage}");
        return 2;
    }

    node = await NodeProcess.StartAsync(Path.GetFullPath(apiDll), databaseUrl, "bench", options.PublicKey, options.SecretKey);
}

await using (node)
{
    using var http = new HttpClient { BaseAddress = new Uri(options.Url ?? node!.Url), Timeout = TimeSpan.FromMinutes(5) };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
        "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.PublicKey}:{options.SecretKey}")));
    var run = Guid.NewGuid().ToString("N")[..8];
    var (user, session) = ($"bench-user-{run}", $"bench-session-{run}");

    var seeding = Stopwatch.StartNew();
    await Seeder.SeedAsync(http, run, user, session, options.Traces, options.Concurrency);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Seeded {options.Traces} traces (session {session}, user {user}) in {seeding.Elapsed.TotalSeconds:F1} s through the ingestion API."));

    // Grains hear of commits asynchronously: wait until the session rollup holds every trace before timing it.
    var deadline = DateTime.UtcNow.AddMinutes(2);
    long seen;
    while ((seen = (long)JsonNode.Parse(await http.GetStringAsync($"/api/public/sessions/{session}/summary"))!["traces"]!) < options.Traces)
    {
        if (DateTime.UtcNow > deadline)
        {
            Console.Error.WriteLine($"The session summary shows {seen} of {options.Traces} traces after 2 minutes.");
            return 1;
        }

        await Task.Delay(100);
    }

    var endpoints = new[]
    {
        $"/api/public/sessions/{session}/summary",
        $"/api/public/users/{user}",
        $"/api/public/users/{user}?from={DateTimeOffset.UtcNow.AddDays(-7):yyyy-MM-ddTHH:mm:ssZ}",
        "/api/public/users?orderBy=cost.desc&limit=50",
        "/api/public/metrics/usage?window=24h&groupBy=model",
    };
    Console.WriteLine();
    Console.WriteLine($"| endpoint ({options.Traces} traces in the session) | requests | p50 ms | p99 ms | mean ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    foreach (var path in endpoints)
    {
        var (p50, p99, mean) = await LatencyProbe.MeasureAsync(http, path, options.Requests);
        var shown = path.Replace(session, "{sessionId}", StringComparison.Ordinal).Replace(user, "{userId}", StringComparison.Ordinal);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `GET {shown}` | {options.Requests} | {p50:F2} | {p99:F2} | {mean:F2} |"));
    }
}

return 0;
