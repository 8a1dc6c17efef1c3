using System.Diagnostics;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Cluster;

/// <summary>
/// A private RabbitMQ broker for the cluster tests, started once per run by scripts/rabbitmq.sh (its own node name,
/// Erlang cookie, epmd and ports) and stopped at the end. Tests can stop and start it again to play a broker restart.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(
        Environment.GetEnvironmentVariable("LANTERN_TEST_WORK_DIR") ?? Path.GetTempPath(), $"rabbitmq-{Guid.NewGuid():N}"[..22]);

    public string Url { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        PostgresServer.ServerUrl(); // Skips with the rest of the suite outside ./test.sh.
        Url = (await ScriptAsync("rmq_start")).Trim();
    }

    public Task StopAsync() => ScriptAsync("rmq_stop");

    public Task StartAsync() => ScriptAsync("rmq_start");

    public async ValueTask DisposeAsync()
    {
        await ScriptAsync("rmq_stop");
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<string> ScriptAsync(string function)
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", $"source scripts/rabbitmq.sh && rmq_install && {function} \"$0\"", _dir },
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{function} failed: {await error}");
        return await output;
    }
}
