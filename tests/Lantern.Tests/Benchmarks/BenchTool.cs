using System.Diagnostics;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Benchmarks;

/// <summary>Runs a benchmark of tools/ as a child process against a database of its own, with the node the tests built.</summary>
public static class BenchTool
{
    /// <summary>
    /// Runs <c>tools/{tool}</c> with the arguments (and <paramref name="environment"/>'s variables, <c>BENCH_NODE_X</c>
    /// setting X for its node); its exit code and everything it printed.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string tool, string[] arguments, string connectionString, IReadOnlyDictionary<string, string>? environment = null)
    {
        // The tool is built by the solution build with the same configuration as the tests (bin/<Configuration>/net10.0).
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(AppContext.BaseDirectory))!);
        var benchDll = Path.Combine(RepositoryRoot.Path, $"tools/{tool}/bin", configuration!, $"net10.0/{tool}.dll");
        Assert.True(File.Exists(benchDll), $"{benchDll} is not built: build Orleans.sln (./test.sh does).");
        var start = new ProcessStartInfo("dotnet", [benchDll, .. arguments, "--api-dll", Path.Combine(AppContext.BaseDirectory, "Lantern.Api.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["LANTERN_DATABASE_URL"] = connectionString },
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the smoke benchmark {tool} did not finish in 3 minutes: {await output}{await error}");
        }

        return (process.ExitCode, await output + await error);
    }
}
