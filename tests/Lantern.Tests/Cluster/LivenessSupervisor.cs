using System.Collections.Concurrent;
using System.Net;

namespace Lantern.Tests.Cluster;

/// <summary>
/// Plays Kubernetes' liveness probe for one node: polls <c>/health/live</c> every second and, when it answers 503,
/// kills the node and starts it again on the same address with the same configuration. A test may restart it too.
/// </summary>
internal sealed class LivenessSupervisor : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _restarts = new();
    private readonly Task _watching;
    private string _earlierOutput = "";

    public LivenessSupervisor(ClusterNode node, IReadOnlyDictionary<string, string> environment)
    {
        Node = node;
        _environment = environment;
        _watching = WatchAsync(_stop.Token);
    }

    public ClusterNode Node { get; private set; }

    /// <summary>When and why each restart happened: the node's answer to /health/live, or the test's reason.</summary>
    public IReadOnlyCollection<string> Restarts => _restarts;

    /// <summary>Every run's output, the restarted ones' after the earlier ones'.</summary>
    public string Output => _earlierOutput + Node.Output;

    private async Task WatchAsync(CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Node.BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
                using var live = await http.GetAsync("/health/live", stop);
                if (live.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    continue;
                }

                await RestartAsync(await live.Content.ReadAsStringAsync(stop));
            }
            catch (Exception unanswered) when (unanswered is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
            {
                // Only a 503 restarts: a node too busy to answer in time is not wedged.
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Kills the node and starts it again on the same address; <paramref name="why"/> is recorded.</summary>
    public async Task RestartAsync(string why)
    {
        _restarts.Enqueue($"{DateTime.UtcNow:HH:mm:ss.f} {why}");
        await Node.CrashAsync();
        _earlierOutput += Node.Output;
        Node = ClusterNode.Start(_environment, Node.BaseUrl);
        await Node.ReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        await Node.DisposeAsync();
        _stop.Dispose();
    }
}
