using System.Diagnostics;

namespace Lantern.Tests.Infrastructure;

/// <summary>What the tests do with the server processes they start (Lantern nodes, Prometheus): probe and stop them.</summary>
public static class ChildProcess
{
    /// <summary>A graceful stop as an orchestrator does it: SIGTERM, then SIGKILL when the grace period runs out.</summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (!process.HasExited)
        {
            Posix.Signal(process.Id, Posix.SigTerm);
            using var deadline = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }

    /// <summary>Whether <paramref name="path"/> answers 2xx; false while the server is not listening or not answering yet.</summary>
    public static async Task<bool> AnswersAsync(HttpClient http, string path)
    {
        try
        {
            return (await http.GetAsync(path)).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
