using System.Diagnostics;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Benchmarks;

/// <summary>
/// The ingestion benchmark's smoke mode (tools/Lantern.IngestBench --smoke) against a database of its own: it must produce
/// sane figures for Lantern and both baselines, and under its load every acknowledged event must be in PostgreSQL.
/// No timing is asserted; the figures only have to exist.
/// </summary>
public sealed class IngestBenchSmokeTests
{
    [Fact]
    public async Task Smoke_run_stores_every_acknowledged_event_and_reports_both_baselines()
    {
        var json = Path.Combine(Path.GetTempPath(), $"ingest-smoke-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, output) = await RunBenchAsync(["--smoke", "--json", json], await PostgresServer.CreateDatabaseAsync());

            Assert.True(exitCode == 0, $"the benchmark exited {exitCode}:\n{output}");
            var figures = JsonNode.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!;
            var lantern = figures["lantern"]!;
            Assert.True(lantern["phase"]!["eventsPerSecond"]!.GetValue<double>() > 0, output);
            Assert.Equal(0, lantern["rejectedEvents"]!.GetValue<long>());
            Assert.True(lantern["ackMs"]!["batches"]!.GetValue<int>() > 0, output);
            Assert.True(lantern["visibilityMs"]!["probes"]!.GetValue<int>() > 0, output);
            Assert.True(lantern["rollupMs"]!["users"]!["count"]!.GetValue<int>() > 0, output);
            Assert.True(lantern["cpuSeconds"]!.GetValue<double>() > 0 && lantern["peakRssMiB"]!.GetValue<double>() > 0, output);
            foreach (var baseline in new[] { "copy", "perEventUpsert" })
            {
                Assert.True(figures[baseline]!["eventsPerSecond"]!.GetValue<double>() > 0, $"{baseline}: {output}");
                Assert.True(figures[baseline]!["rowsWritten"]!.GetValue<long>() > 0, $"{baseline}: {output}");
            }

            // Correctness under load: the acknowledged events (warm-up included) are all found in the stored rows.
            var verification = lantern["verification"]!;
            Assert.True(verification["ackedEvents"]!.GetValue<long>() >= lantern["phase"]!["events"]!.GetValue<long>(), output);
            Assert.Equal(0, verification["missingEvents"]!.GetValue<long>());
        }
        finally
        {
            File.Delete(json);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunBenchAsync(string[] arguments, string connectionString)
    {
        // The tool is built by the solution build with the same configuration as the tests (bin/<Configuration>/net10.0).
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(AppContext.BaseDirectory))!);
        var benchDll = Path.Combine(RepositoryRoot.Path, "tools/Lantern.IngestBench/bin", configuration!, "net10.0/Lantern.IngestBench.dll");
        Assert.True(File.Exists(benchDll), $"{benchDll} is not built: build Orleans.sln (./test.sh does).");
        var start = new ProcessStartInfo("dotnet", [benchDll, .. arguments, "--api-dll", Path.Combine(AppContext.BaseDirectory, "Lantern.Api.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["LANTERN_DATABASE_URL"] = connectionString },
        };
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
            throw new TimeoutException($"the smoke benchmark did not finish in 3 minutes: {await output}{await error}");
        }

        return (process.ExitCode, await output + await error);
    }
}
