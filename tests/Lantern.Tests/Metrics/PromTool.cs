using System.Diagnostics;

namespace Lantern.Tests.Metrics;

/// <summary>Runs promtool (Debian's prometheus package, which test.sh installs and exports as LANTERN_TEST_PROMTOOL).</summary>
public static class PromTool
{
    public static string Path => Binary("LANTERN_TEST_PROMTOOL");

    /// <summary>The binary named by <paramref name="variable"/>; skipped outside test.sh, failed in CI.</summary>
    public static string Binary(string variable)
    {
        var path = Environment.GetEnvironmentVariable(variable);
        Assert.SkipWhen(string.IsNullOrEmpty(path) && Environment.GetEnvironmentVariable("CI") is null,
            $"{variable} is not set: run the suite with ./test.sh, which installs Prometheus.");
        Assert.False(string.IsNullOrEmpty(path), $"{variable} is not set: ./test.sh sets it.");
        return path!;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, string? input = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Path, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input ?? "");
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }
}
