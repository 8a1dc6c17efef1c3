using System.Net;
using Lantern.Silo.Privacy;
using Lantern.Tests.Infrastructure;
using Lantern.Tests.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Cluster;

/// <summary>
/// Every process has the retention timer; a PostgreSQL advisory lock lets one scheduled run go at a time across the
/// processes of one database, so a cluster deletes and audits once per run, not once per process.
/// </summary>
public sealed class RetentionOnceTests
{
    // The workload's traces are a month old (LangfuseBatch.T0); a week's retention expires all of them.
    private static readonly Dictionary<string, string?> WeekRetention = new() { ["LANTERN_RETENTION_DAYS"] = "7" };

    [Fact]
    public async Task A_scheduled_run_is_skipped_while_another_process_holds_the_run_and_runs_once_it_is_released()
    {
        await using var app = await LanternApp.StartAsync(WeekRetention);
        var events = await IngestAsync(app, seed: 29);
        var job = app.Services.GetRequiredService<RetentionJob>();

        // Another process in the middle of a run holds the lock (on its own session, as RetentionJob does).
        await using (var other = new NpgsqlConnection(app.ConnectionString))
        {
            await other.OpenAsync();
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({RetentionJob.RunLockKey})", other);
            await take.ExecuteNonQueryAsync();

            Assert.Null(await job.RunScheduledAsync(CancellationToken.None));
            Assert.Equal(StoredCounts.Expected(events), await StoredCounts.ReadAsync(app.ConnectionString));
            Assert.Equal(0L, await RetentionAuditsAsync(app));

            // The other run finishes.
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({RetentionJob.RunLockKey})", other);
            await release.ExecuteNonQueryAsync();
        }

        var runs = await job.RunScheduledAsync(CancellationToken.None);

        Assert.Equal(StoredCounts.Expected(events).Traces, Assert.Single(runs!).Deleted.Traces);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM traces"));
        Assert.Equal(1L, await RetentionAuditsAsync(app));
    }

    [Fact]
    public async Task Scheduled_runs_of_two_processes_at_once_delete_and_audit_once()
    {
        await using var first = await LanternApp.StartAsync(WeekRetention);
        await using var second = new LanternApp(first.ConnectionString, WeekRetention);
        _ = second.Server;
        var events = await IngestAsync(first, seed: 31);

        var runs = await Task.WhenAll(
            first.Services.GetRequiredService<RetentionJob>().RunScheduledAsync(CancellationToken.None),
            second.Services.GetRequiredService<RetentionJob>().RunScheduledAsync(CancellationToken.None));

        // One ran; the other was skipped, or ran after it and found nothing left.
        var deleted = runs.Where(r => r is not null).SelectMany(r => r!).ToList();
        Assert.Equal(StoredCounts.Expected(events).Traces, Assert.Single(deleted).Deleted.Traces);
        Assert.Equal(1L, await RetentionAuditsAsync(first));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(first.ConnectionString, "SELECT count(*) FROM traces"));
    }

    private static async Task<List<System.Text.Json.Nodes.JsonObject>> IngestAsync(LanternApp app, int seed)
    {
        var events = new RollupWorkload(seed).Events(traces: 12);
        var http = app.CreateClient().Authorized();
        foreach (var batch in events.Chunk(25))
        {
            Assert.Equal(HttpStatusCode.MultiStatus, (await http.PostAsync(batch)).Response.StatusCode);
        }

        await StoredCounts.WaitForAsync(app.ConnectionString, StoredCounts.Expected(events));
        return events;
    }

    private static Task<long> RetentionAuditsAsync(LanternApp app) =>
        Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM audit_log WHERE action = 'retention.run'");
}
