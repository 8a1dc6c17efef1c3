using System.Diagnostics;

namespace Lantern.IngestBench;

/// <summary>
/// Watches the node's JIT during the warm-up. Tiered compilation recompiles the hot methods with full optimisation in the
/// first tens of seconds under load (11 s of compilation on this 2-core box, a quarter of the node's CPU meanwhile, and
/// the node runs slower code until it is done): a start-up cost, not the steady state the figures describe. The warm-up
/// lasts until an interval passes with under 2 % of a core spent compiling, or <c>--warmup-seconds</c> at most.
/// </summary>
internal static class JitSettling
{
    private const double SettledShareOfCore = 0.02;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Cancels <paramref name="settled"/> once the JIT has settled or <paramref name="atMost"/> has passed.</summary>
    /// <returns>How long the warm-up took, whether the JIT settled in it, and how many seconds the node spent compiling.</returns>
    public static async Task<WarmUp> WatchAsync(HttpClient http, TimeSpan atMost, CancellationTokenSource settled)
    {
        var clock = Stopwatch.StartNew();
        var first = await CompiledSecondsAsync(http);
        var last = first;
        var quiet = false;
        while (!quiet && clock.Elapsed < atMost)
        {
            await Task.Delay(Interval);
            var now = await CompiledSecondsAsync(http);
            quiet = now - last < SettledShareOfCore * Interval.TotalSeconds;
            last = now;
        }

        await settled.CancelAsync();
        return new WarmUp(clock.Elapsed.TotalSeconds, quiet, last - first);
    }

    private static async Task<double> CompiledSecondsAsync(HttpClient http) => (await ServerMetrics.ScrapeAsync(http)).JitSeconds;
}
