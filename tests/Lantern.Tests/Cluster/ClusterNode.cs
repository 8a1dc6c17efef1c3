using System.Diagnostics;
using System.Text;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Cluster;

/// <summary>
/// One Lantern process of a loopback cluster (the built Lantern.Api.dll, as an operator starts it), kept running until
/// the test kills it (SIGKILL, a crash) or disposes of it (SIGTERM, a graceful stop).
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ClusterNode(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

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

    /// <summary>Starts a node, on <paramref name="baseUrl"/> when given (a restart keeps its clients' address).</summary>
    public static ClusterNode Start(IReadOnlyDictionary<string, string> environment, string? baseUrl = null)
    {
        baseUrl ??= $"http://127.0.0.1:{Posix.FreePort()}";
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Lantern.Api.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = baseUrl,
                ["Logging__LogLevel__Default"] = "Warning",
                // Its recoveries are information, and the broker tests read them.
                ["Logging__LogLevel__Lantern.Silo.Cluster.ConsumerStateLog"] = "Information",
            },
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new ClusterNode(Process.Start(start)!, baseUrl);
    }

    /// <summary>Waits until the node answers ready.</summary>
    public async Task ReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.TrueAsync(async () =>
        {
            Assert.False(_process.HasExited, $"the node exited: {Output}");
            return await ChildProcess.AnswersAsync(http, "/health/ready");
        }, $"{BaseUrl} is ready", TimeSpan.FromSeconds(90));
    }

    /// <summary>A crash: SIGKILL, no shutdown code runs, leases are left to expire.</summary>
    public async Task CrashAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.StopAsync(_process, TimeSpan.FromSeconds(20));
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
