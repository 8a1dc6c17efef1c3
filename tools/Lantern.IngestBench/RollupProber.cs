using System.Diagnostics;

namespace Lantern.IngestBench;

/// <summary>
/// Rollup reads during the load: one client in a loop asking for a random user's rollup (<c>GET /users/{id}</c>) and a random
/// session's summary (<c>GET /sessions/{id}/summary</c>) from the workload's populations, and the hot session's summary when
/// one was seeded, timing each answer.
/// </summary>
internal sealed class RollupProber(HttpClient http, BenchOptions options)
{
    private readonly List<double> _userMs = [];
    private readonly List<double> _sessionMs = [];
    private readonly List<double> _hotSessionMs = [];

    public double[] UserMs => [.. _userMs];

    public double[] SessionMs => [.. _sessionMs];

    public double[] HotSessionMs => [.. _hotSessionMs];

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                _userMs.Add(await TimeAsync($"/api/public/users/user-{Random.Shared.Next(options.Users)}", stop));
                _sessionMs.Add(await TimeAsync($"/api/public/sessions/session-{Random.Shared.Next(options.Sessions)}/summary", stop));
                if (options.HotSessionTraces > 0)
                {
                    _hotSessionMs.Add(await TimeAsync($"/api/public/sessions/{HotSessionSeeder.SessionId}/summary", stop));
                }

                await Task.Delay(10, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The load is over.
        }
    }

    private async Task<double> TimeAsync(string path, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path, stop);
        await response.Content.ReadAsByteArrayAsync(stop);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
