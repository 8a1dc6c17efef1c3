using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Lantern.Tests.Infrastructure;
using Npgsql;

namespace Lantern.Tests.Hosting;

public sealed class RunScriptTests
{
    [Fact]
    public async Task Run_sh_starts_a_ready_node_with_demo_keys_on_a_durable_postgres_acking_from_its_journal_and_ctrl_c_stops_it_and_its_postgres()
    {
        PostgresServer.ServerUrl();
        var dataDir = Path.Combine(TestWorkDirectory.Root, "run-sh-" + Guid.NewGuid().ToString("N")[..8]);
        var port = Posix.FreePort();
        var output = new StringBuilder();
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "run.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LANTERN_DATA_DIR"] = dataDir;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment.Remove("LANTERN_DATABASE_URL");
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.TrueAsync(async () => await IsReadyAsync(http) || process.HasExited, "run.sh's node is ready", TimeSpan.FromMinutes(4));
            Assert.False(process.HasExited, "run.sh exited early:\n" + Text(output));
            var keys = Regex.Match(Text(output), @"LANGFUSE_PUBLIC_KEY=(pk-lf-[0-9a-f]{32}) LANGFUSE_SECRET_KEY=(sk-lf-[0-9a-f]{48})");
            Assert.True(keys.Success, "run.sh printed no demo keys:\n" + Text(output));
            // Durable, and without commits stalling behind the kernel's writeback of evicted pages (docs/benchmarks.md, round 27).
            Assert.Equal(["on", "256kB"], await ServerSettingsAsync(dataDir, "fsync", "backend_flush_after"));

            // The single node acknowledges once its journal in the data directory has fsynced the batch, then stores it.
            Assert.Contains("lantern_ingest_journal_pending_batches", await http.GetStringAsync("/metrics"));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{keys.Groups[1].Value}:{keys.Groups[2].Value}")));
            var traceId = "run-sh-" + Guid.NewGuid().ToString("N");
            var ingested = await http.PostAsync("/api/public/ingestion", JsonContent.Create(new
            {
                batch = new[] { new { id = traceId + "-e", type = "trace-create", timestamp = DateTimeOffset.UtcNow, body = new { id = traceId, name = "run.sh" } } },
            }));
            Assert.Equal(HttpStatusCode.MultiStatus, ingested.StatusCode);
            Assert.Contains("\"status\":201", await ingested.Content.ReadAsStringAsync());
            Assert.True(Directory.Exists(Path.Combine(dataDir, "journal")), "run.sh's node has no journal in its data directory");
            await Eventually.TrueAsync(
                async () => (await http.GetAsync($"/api/public/traces/{traceId}")).IsSuccessStatusCode, "the acknowledged trace is readable", TimeSpan.FromSeconds(30));

            Posix.Signal(process.Id, Posix.SigInt);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

            Assert.Equal(0, process.ExitCode);
            Assert.False(File.Exists(Path.Combine(dataDir, "postgres", "postmaster.pid")), "run.sh left its PostgreSQL running");
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync("/health/live"));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<string[]> ServerSettingsAsync(string dataDir, params string[] names)
    {
        // postmaster.pid's fourth line is the port the server listens on.
        var port = File.ReadLines(Path.Combine(dataDir, "postgres", "postmaster.pid")).ElementAt(3);
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=lantern;Password=lantern;Database=lantern;Pooling=false");
        await connection.OpenAsync();
        var settings = new string[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            await using var command = new NpgsqlCommand("SELECT current_setting($1)", connection) { Parameters = { new() { Value = names[i] } } };
            settings[i] = (string)(await command.ExecuteScalarAsync())!;
        }

        return settings;
    }

    private static async Task<bool> IsReadyAsync(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
