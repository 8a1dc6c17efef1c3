using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Metrics;

/// <summary>A real Prometheus (Debian's package, LANTERN_TEST_PROMETHEUS) on a free loopback port, with a test's config.</summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, int port)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    /// <summary>Starts Prometheus scraping <paramref name="targets"/> every second as job <c>lantern</c>.</summary>
    public static async Task<PrometheusServer> StartAsync(params string[] targets)
    {
        var binary = PromTool.Binary("LANTERN_TEST_PROMETHEUS");
        var dir = Path.Combine(TestWorkDirectory.Root, "prometheus-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {Path.Combine(RepositoryRoot.Path, "deploy", "prometheus", "lantern-rules.yml")}
            scrape_configs:
              - job_name: lantern
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
            """);
        var port = Posix.FreePort();
        var start = new ProcessStartInfo(binary,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir, "data")}", $"--web.listen-address=127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var server = new PrometheusServer(Process.Start(start)!, port);
        server._process.OutputDataReceived += (_, _) => { };
        server._process.ErrorDataReceived += (_, _) => { };
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await Eventually.TrueAsync(async () => server._process.HasExited || await server.IsReadyAsync(), "Prometheus is ready", TimeSpan.FromMinutes(1));
        Assert.False(server._process.HasExited, "Prometheus exited at start");
        return server;
    }

    /// <summary>Runs an instant query through the HTTP API; returns each result series' labels and value.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string promQl)
    {
        using var response = await _http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(promQl));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(r => (
            (IReadOnlyDictionary<string, string>)r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await ChildProcess.StopAsync(_process, TimeSpan.FromSeconds(30));
    }

    private Task<bool> IsReadyAsync() => ChildProcess.AnswersAsync(_http, "/-/ready");
}
