using Lantern.Silo.Cluster;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lantern.Silo.Privacy;

/// <summary>
/// Deletes what is older than each project's retention: traces (by timestamp) with their observations, scores and rollup
/// contributions, observations whose trace never arrived (by start time), and scores without a trace. Works in batches of
/// <see cref="RetentionOptions.BatchSize"/> traces, each one group commit, so ingestion is never locked out for long.
/// Every process has the job, but a run holds a PostgreSQL session advisory lock (<see cref="RunLockKey"/>), so one run
/// goes at a time in the whole cluster: a scheduled run skips its tick while another is running, a manual one waits.
/// </summary>
public sealed class RetentionJob(
    NpgsqlDataSource dataSource, RetentionSettingsStore settings, TracePurger purger, IOwnerDeletions owners, AuditLog audit, TimeProvider time,
    IOptions<RetentionOptions> options)
{
    /// <summary>
    /// The advisory lock key of a run, 0x4C414E54455250 ("LANTERP"); the migrator and the cluster rebalance use the
    /// keys ending in 4E and 4F.
    /// </summary>
    public const long RunLockKey = 0x4C414E54455250;

    private const string ExpiredTraces = """
        (SELECT id FROM traces WHERE project_id = $1 AND timestamp < $2 ORDER BY timestamp LIMIT $3)
        UNION
        (SELECT DISTINCT o.trace_id FROM observations o WHERE o.project_id = $1 AND o.start_time < $2
            AND NOT EXISTS (SELECT 1 FROM traces t WHERE t.project_id = o.project_id AND t.id = o.trace_id) LIMIT $3)
        """;

    private const string ExpiredLooseScores = "SELECT id FROM scores WHERE project_id = $1 AND trace_id IS NULL AND timestamp < $2 LIMIT $3";

    /// <summary>
    /// One pass over every project with a retention, after a run in progress anywhere in the cluster finished; returns
    /// what each project lost (projects that lost nothing are left out).
    /// </summary>
    public async Task<IReadOnlyList<RetentionRun>> RunOnceAsync(CancellationToken cancellationToken) =>
        (await RunExclusiveAsync(wait: true, cancellationToken))!;

    /// <summary>A run on the schedule: null (skipped) while another process runs one, which covers this tick.</summary>
    public Task<IReadOnlyList<RetentionRun>?> RunScheduledAsync(CancellationToken cancellationToken) =>
        RunExclusiveAsync(wait: false, cancellationToken);

    private async Task<IReadOnlyList<RetentionRun>?> RunExclusiveAsync(bool wait, CancellationToken cancellationToken)
    {
        // A session lock on a connection of its own, held across the run's many transactions on other connections. If
        // this connection breaks, PostgreSQL releases the lock and another process may start while this run goes on:
        // every deletion is idempotent, so that costs work, not correctness.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand(wait ? "SELECT pg_advisory_lock($1)" : "SELECT pg_try_advisory_lock($1)", connection))
        {
            take.Parameters.Add(new() { Value = RunLockKey });
            var taken = await take.ExecuteScalarAsync(cancellationToken);
            if (!wait && !(bool)taken!)
            {
                return null;
            }
        }

        try
        {
            return await PurgeExpiredAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            release.Parameters.Add(new() { Value = RunLockKey });
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task<IReadOnlyList<RetentionRun>> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var runs = new List<RetentionRun>();
        foreach (var (projectId, days) in await settings.ListEffectiveAsync(cancellationToken))
        {
            var cutoff = time.GetUtcNow().AddDays(-days);
            var deleted = await PurgeProjectAsync(projectId, cutoff, cancellationToken);
            if (deleted != PurgeCounts.Zero)
            {
                var run = new RetentionRun(projectId, days, cutoff, deleted);
                await audit.AppendAsync(projectId, "retention", AuditActions.RetentionRun, projectId, new { days, cutoff, deleted }, cancellationToken);
                runs.Add(run);
            }
        }

        return runs;
    }

    private async Task<PurgeCounts> PurgeProjectAsync(string projectId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = PurgeCounts.Zero;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (await ReadIdsAsync(ExpiredTraces, projectId, cutoff, cancellationToken) is { Count: > 0 } batch && batch.Any(seen.Add))
        {
            deleted = deleted.Add(await purger.PurgeAsync(projectId, batch, cancellationToken));
        }

        // Through their score grains, like every score deletion: the grain of a score that is deleted behind its back
        // would write it back with its next event.
        var seenScores = new HashSet<string>(StringComparer.Ordinal);
        while (await ReadIdsAsync(ExpiredLooseScores, projectId, cutoff, cancellationToken) is { Count: > 0 } scores && scores.Any(seenScores.Add))
        {
            var results = await Task.WhenAll(scores.Select(id => owners.DeleteScoreAsync(projectId, id, "", cancellationToken)));
            deleted = deleted.Add(PurgeCounts.Zero with { Scores = results.Count(r => r) });
        }

        return deleted;
    }

    private async Task<List<string>> ReadIdsAsync(string sql, string projectId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var command = Command(sql, projectId, cutoff);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private NpgsqlCommand Command(string sql, string projectId, DateTimeOffset cutoff)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = cutoff });
        command.Parameters.Add(new() { Value = options.Value.BatchSize });
        return command;
    }
}
