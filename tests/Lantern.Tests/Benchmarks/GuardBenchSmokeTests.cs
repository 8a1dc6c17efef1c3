using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Benchmarks;

/// <summary>
/// The guard benchmark's smoke mode (tools/Lantern.GuardBench --smoke) against a database of its own and the real ONNX
/// Runtime (LANTERN_ONNXRUNTIME_PATH, set by test.sh): every scan must be answered, with and without the models, and the
/// figures must exist and be consistent. No timing is asserted.
/// </summary>
public sealed class GuardBenchSmokeTests
{
    [Fact]
    public async Task Smoke_run_answers_every_scan_and_reports_both_configurations_and_each_check()
    {
        var json = Path.Combine(Path.GetTempPath(), $"guard-smoke-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, output) = await BenchTool.RunAsync("Lantern.GuardBench", ["--smoke", "--json", json], await PostgresServer.CreateDatabaseAsync());

            Assert.True(exitCode == 0, $"the benchmark exited {exitCode}:\n{output}");
            var figures = JsonNode.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!;
            Assert.Equal(["benign", "injection", "pii", "toxic"], figures["texts"]!["byKind"]!.AsObject().Select(k => k.Key).Order());
            foreach (var configuration in new[] { "allChecks", "piiOnly" })
            {
                var run = figures[configuration]!;
                Assert.True(run["requests"]!.GetValue<int>() > 0, $"{configuration}: {output}");
                Assert.Equal(0, run["failures"]!.GetValue<long>());
                Assert.True(run["requestsPerSecond"]!.GetValue<double>() > 0, $"{configuration}: {output}");
                Assert.True(run["serverCpuSeconds"]!.GetValue<double>() > 0, $"{configuration}: {output}");
                var http = run["httpMs"]!;
                Assert.True(http["p50"]!.GetValue<double>() > 0, $"{configuration}: {output}");
                Assert.True(http["p50"]!.GetValue<double>() <= http["p95"]!.GetValue<double>(), output);
                Assert.True(http["p95"]!.GetValue<double>() <= http["p99"]!.GetValue<double>(), output);
            }

            // The endpoint reported each model's time, and the models' sum is at least each one.
            var checks = figures["checksMs"]!;
            Assert.True(checks["prompt_injection"]!["p50"]!.GetValue<double>() > 0, output);
            Assert.True(checks["toxicity"]!["p50"]!.GetValue<double>() > 0, output);
            Assert.True(checks["models (both)"]!["p50"]!.GetValue<double>() >= checks["toxicity"]!["p50"]!.GetValue<double>(), output);
            Assert.NotNull(figures["addedByModels"]!["httpP50Ms"]);
            Assert.Contains("Added by the models", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(json);
        }
    }
}
