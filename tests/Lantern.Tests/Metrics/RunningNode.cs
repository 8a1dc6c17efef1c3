using System.Diagnostics;
using System.Text;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Metrics;

/// <summary>The built Lantern.Api.dll running as a real process on a real loopback port, until disposed.</summary>
public sealed class RunningNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningNode(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public int Port { get; }

    public HttpClient Http { get; }

    public static async Task<RunningNode> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = Posix.FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Lantern.Api.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LANTERN_DATABASE_URL"] = await PostgresServer.CreateDatabaseAsync();
        start.Environment["LANTERN_SALT"] = "test-salt-0123456789abcdef";
        start.Environment["LANGFUSE_INIT_PROJECT_ID"] = LanternApp.ProjectId;
        start.Environment["LANGFUSE_INIT_PROJECT_PUBLIC_KEY"] = LanternApp.PublicKey;
        start.Environment["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = LanternApp.SecretKey;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var node = new RunningNode(Process.Start(start)!, port);
        node._process.OutputDataReceived += (_, e) => node.Append(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        await Eventually.TrueAsync(async () => node._process.HasExited || await node.IsReadyAsync(), "the node is ready", TimeSpan.FromMinutes(1));
        Assert.False(node._process.HasExited, "Lantern.Api exited:\n" + node.Output);
        return node;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await ChildProcess.StopAsync(_process, TimeSpan.FromSeconds(30));
    }

    private Task<bool> IsReadyAsync() => ChildProcess.AnswersAsync(Http, "/health/ready");

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
