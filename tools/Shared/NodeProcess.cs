using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Lantern.Tools;

/// <summary>
/// A Lantern node run as a child process (<c>dotnet Lantern.Api.dll</c>) on a free loopback port, with one project and key
/// pair; stopped on dispose. Shared by the benchmarks (linked into each tool's project).
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private const string NodePrefix = "BENCH_NODE_";
    private readonly Process _process;

    private NodeProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The server's process id, for CPU and RSS read from /proc.</summary>
    public int Pid => _process.Id;

    public static async Task<NodeProcess> StartAsync(string apiDll, string databaseUrl, string projectId, string publicKey, string secretKey)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [apiDll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = url,
                ["LANTERN_DATABASE_URL"] = databaseUrl,
                ["LANTERN_SALT"] = "bench-salt-0123456789abcdef",
                ["LANGFUSE_INIT_ORG_ID"] = "bench-org",
                ["LANGFUSE_INIT_PROJECT_ID"] = projectId,
                ["LANGFUSE_INIT_PROJECT_NAME"] = "bench",
                ["LANGFUSE_INIT_PROJECT_PUBLIC_KEY"] = publicKey,
                ["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = secretKey,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        // BENCH_NODE_X=v sets X=v for the node only (e.g. BENCH_NODE_DOTNET_gcServer=0 to compare GC modes).
        foreach (var (name, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                     .Select(e => ((string)e.Key, (string?)e.Value)).Where(e => e.Item1.StartsWith(NodePrefix, StringComparison.Ordinal)))
        {
            start.Environment[name[NodePrefix.Length..]] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"node: {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new NodeProcess(process, url);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync($"{url}/health/ready")).IsSuccessStatusCode)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        await node.DisposeAsync();
        throw new InvalidOperationException($"the node at {url} did not become ready within 60 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
