using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Benchmarks;

/// <summary>
/// The ingestion benchmark's smoke mode (tools/Lantern.IngestBench --smoke) against a database of its own: it must produce
/// sane figures for Lantern and both baselines, and under its load every acknowledged event must be in PostgreSQL.
/// Its node acknowledges from an ingestion journal, as bench.sh's and run.sh's do, so the check also covers the batches
/// still on their way to PostgreSQL when the load ends. No timing is asserted; the figures only have to exist.
/// </summary>
public sealed class IngestBenchSmokeTests
{
    [Fact]
    public async Task Smoke_run_stores_every_acknowledged_event_and_reports_both_baselines()
    {
        var json = Path.Combine(Path.GetTempPath(), $"ingest-smoke-{Guid.NewGuid():N}.json");
        var journal = Path.Combine(TestWorkDirectory.Root, $"ingest-smoke-journal-{Guid.NewGuid():N}");
        try
        {
            // --wal recycled: the checkpoint every full run makes after its warm-up runs here too (a failed one exits non-zero).
            var (exitCode, output) = await BenchTool.RunAsync(
                "Lantern.IngestBench", ["--smoke", "--json", json, "--pg-waits-every-ms", "20", "--wal", "recycled"], await PostgresServer.CreateDatabaseAsync(),
                new Dictionary<string, string> { ["BENCH_NODE_LANTERN_INGEST_JOURNAL_DIR"] = journal });

            Assert.True(exitCode == 0, $"the benchmark exited {exitCode}:\n{output}");
            var figures = JsonNode.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!;
            var lantern = figures["lantern"]!;
            Assert.True(lantern["phase"]!["eventsPerSecond"]!.GetValue<double>() > 0, output);
            Assert.Equal(0, lantern["rejectedEvents"]!.GetValue<long>());
            Assert.Equal("journal", lantern["ackedAfter"]!.GetValue<string>());
            Assert.True(lantern["ackMs"]!["batches"]!.GetValue<int>() > 0, output);
            // Every late ack falls in one 5 s slice of the load: no more of them than batches, and no slice negative.
            var lateAcks = lantern["ackMs"]!["over25MsPer5s"]!.AsArray().Select(n => n!.GetValue<int>()).ToList();
            Assert.True(lateAcks.Count > 0 && lateAcks.All(n => n >= 0) && lateAcks.Sum() <= lantern["ackMs"]!["batches"]!.GetValue<int>(), output);
            Assert.True(lantern["visibilityMs"]!["probes"]!.GetValue<int>() > 0, output);
            Assert.True(lantern["rollupMs"]!["users"]!["count"]!.GetValue<int>() > 0, output);
            // The node's own timing of the same reads was found on its /metrics (null if the route's series were missing).
            Assert.InRange(lantern["rollupMs"]!["nodeUsersShareWithin5Ms"]?.GetValue<double>() ?? -1, 0, 1);
            Assert.InRange(lantern["rollupMs"]!["nodeSessionsShareWithin5Ms"]?.GetValue<double>() ?? -1, 0, 1);
            Assert.True(lantern["cpuSeconds"]!.GetValue<double>() > 0 && lantern["peakRssMiB"]!.GetValue<double>() > 0, output);
            foreach (var baseline in new[] { "copy", "perEventUpsert" })
            {
                Assert.True(figures[baseline]!["eventsPerSecond"]!.GetValue<double>() > 0, $"{baseline}: {output}");
                Assert.True(figures[baseline]!["rowsWritten"]!.GetValue<long>() > 0, $"{baseline}: {output}");
            }

            // Correctness under load: the acknowledged events, the warm-up's included, are all found in the stored rows; the
            // warm-up's are not in the measured figures.
            var verification = lantern["verification"]!;
            Assert.True(verification["ackedEvents"]!.GetValue<long>() > lantern["phase"]!["events"]!.GetValue<long>(), output);
            // The smoke warm-up is one batch per worker (--warmup-seconds 0): the report must not claim the JIT settled in it.
            Assert.False(figures["warmUp"]!["jitSettled"]!.GetValue<bool>(), output);
            Assert.Equal(0, verification["missingEvents"]!.GetValue<long>());
            // The PostgreSQL wait sampler ran through the load (what it sees in 3 s of small load is not asserted).
            Assert.True(lantern["postgresWaits"]!["samples"]!.GetValue<int>() > 0, output);
        }
        finally
        {
            File.Delete(json);
            if (Directory.Exists(journal))
            {
                Directory.Delete(journal, recursive: true);
            }
        }
    }
}
