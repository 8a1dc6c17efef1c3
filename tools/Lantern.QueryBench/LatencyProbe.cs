using System.Diagnostics;

namespace Lantern.QueryBench;

/// <summary>Times sequential GETs of one endpoint over HTTP after a warm-up, and reports percentiles in milliseconds.</summary>
internal static class LatencyProbe
{
    private const int WarmUp = 200;

    public static async Task<(double P50, double P99, double Mean)> MeasureAsync(HttpClient http, string path, int requests)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            await GetAsync(http, path);
        }

        var samples = new double[requests];
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await GetAsync(http, path);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(samples);
        return (Percentile(samples, 0.50), Percentile(samples, 0.99), samples.Average());
    }

    private static async Task GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        await response.Content.LoadIntoBufferAsync();
    }

    private static double Percentile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
