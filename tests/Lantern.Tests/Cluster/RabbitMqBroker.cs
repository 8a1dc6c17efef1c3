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
        TestWorkDirectory.Root, $"rabbitmq-{Guid.NewGuid():N}"[..22]);

    private bool _stopped;

    public string Url { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        PostgresServer.ServerUrl(); // Skips with the rest of the suite outside ./test.sh.
        Url = (await ScriptAsync("rmq_start")).Trim();
    }

    public async Task StopAsync()
    {
        _stopped = true;
        await ScriptAsync("rmq_stop");
    }

    public async Task StartAsync()
    {
        await ScriptAsync("rmq_start");
        _stopped = false;
    }

    /// <summary>Starts the broker again if a test stopped it and failed before starting it: the collection shares it.</summary>
    public Task StartIfStoppedAsync() => _stopped ? StartAsync() : Task.CompletedTask;

    /// <summary>Raises (or clears) the broker's memory alarm: while raised it blocks every publisher and confirms nothing.</summary>
    public Task MemoryAlarmAsync(bool raised) => ScriptAsync("rmq_memory_alarm", raised ? "on" : "off");

    /// <summary>The broker's resource alarms, and each connection with its state (a blocked one waits for an alarm to clear).</summary>
    public Task<string> BlockingAsync() => ScriptAsync("rmq_blocking");

    /// <summary>Every queue with its ready and unacknowledged messages and its consumers, one per line.</summary>
    public Task<string> QueuesAsync() => ScriptAsync("rmq_queues");

    public async ValueTask DisposeAsync()
    {
        await ScriptAsync("rmq_stop");
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>How many consumers <paramref name="queue"/> has now (0 while it does not exist).</summary>
    public async Task<int> ConsumersAsync(string queue) => int.Parse((await ScriptAsync("rmq_consumers", queue)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> ScriptAsync(string function, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", $"source scripts/rabbitmq.sh && rmq_install && {function} \"$@\"", "rabbitmq", _dir },
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{function} failed: {await error}");
        return await output;
    }
}
