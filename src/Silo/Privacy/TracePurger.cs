using Lantern.Grains.Rollups;
using Lantern.Silo.Cluster;
using Lantern.Silo.Traces;
using Npgsql;

namespace Lantern.Silo.Privacy;

/// <summary>
/// Deletes a batch of traces everywhere: each through its trace grain on the key's owner (which removes the rows and their
/// rollup contribution in one commit under its lease, and drops its activation), then, once every owner confirmed, the
/// rollup rows of users, sessions and prompts that fell to zero (so no identifier outlives its data), telling those
/// rollup grains to forget what they hold.
/// </summary>
public sealed class TracePurger(NpgsqlDataSource dataSource, IOwnerDeletions owners)
{
    private const string ZeroRow = """
        traces = 0 AND observations = 0 AND generations = 0 AND errors = 0 AND cost = 0 AND input_tokens = 0
        AND output_tokens = 0 AND total_tokens = 0 AND scores = '{}'::jsonb
        AND NOT EXISTS (SELECT 1 FROM unnest(latency || ttft) AS v WHERE v <> 0)
        """;

    public async Task<PurgeCounts> PurgeAsync(string projectId, IReadOnlyList<string> traceIds, CancellationToken cancellationToken)
    {
        if (traceIds.Count == 0)
        {
            return PurgeCounts.Zero;
        }

        var ids = traceIds.Distinct(StringComparer.Ordinal).ToArray();
        var (keys, traces, observations, scores) = await DescribeAsync(projectId, ids, cancellationToken);
        try
        {
            await owners.DeleteTracesAsync(projectId, ids, cancellationToken);
        }
        catch (BrokerUnavailableException)
        {
            // Some owners did not confirm in time. The rows of those that did may be zero now, and once gone from the traces
            // nothing says which keys they were: drop them before failing (a row still counting something stays).
            await PurgeZeroRowsAsync(projectId, keys, CancellationToken.None);
            throw;
        }

        var runItems = await ExecuteAsync("DELETE FROM dataset_run_items WHERE project_id = $1 AND trace_id = ANY($2)", projectId, ids, cancellationToken);
        var rollupRows = await PurgeZeroRowsAsync(projectId, keys, cancellationToken);
        return new PurgeCounts(traces, observations, scores, runItems, rollupRows);
    }

    // The keys the traces contribute to, read before they go (afterwards nothing says which users or prompts they had).
    private async Task<(List<(RollupScope Scope, string Key)> Keys, long Traces, long Observations, long Scores)> DescribeAsync(
        string projectId, string[] ids, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("""
            SELECT 'user', user_id FROM traces WHERE project_id = $1 AND id = ANY($2) AND user_id IS NOT NULL
            UNION SELECT 'session', session_id FROM traces WHERE project_id = $1 AND id = ANY($2) AND session_id IS NOT NULL
            UNION SELECT 'prompt', prompt_name FROM observations WHERE project_id = $1 AND trace_id = ANY($2) AND prompt_name IS NOT NULL
            """, projectId, ids));
        batch.BatchCommands.Add(Command("""
            SELECT (SELECT count(*) FROM traces WHERE project_id = $1 AND id = ANY($2)),
                   (SELECT count(*) FROM observations WHERE project_id = $1 AND trace_id = ANY($2)),
                   (SELECT count(*) FROM scores WHERE project_id = $1 AND trace_id = ANY($2))
            """, projectId, ids));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var keys = new List<(RollupScope, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add((RollupColumns.ParseScope(reader.GetString(0)), reader.GetString(1)));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (keys, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Deletes those of the keys' user, session and prompt rollup rows that are zero, and makes their grains forget them.</summary>
    public async Task<long> PurgeZeroRowsAsync(string projectId, IReadOnlyList<(RollupScope Scope, string Key)> keys, CancellationToken cancellationToken)
    {
        long purged = 0;
        foreach (var group in keys.GroupBy(k => k.Scope))
        {
            var scopeKeys = group.Select(k => k.Key).ToArray();
            await using var command = dataSource.CreateCommand(
                $"DELETE FROM rollups WHERE project_id = $1 AND scope = $2 AND scope_key = ANY($3) AND {ZeroRow} RETURNING scope_key");
            command.Parameters.Add(new() { Value = projectId });
            command.Parameters.Add(new() { Value = RollupColumns.ScopeName(group.Key) });
            command.Parameters.Add(new() { Value = scopeKeys });
            var forgotten = new List<(RollupScope, string)>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    forgotten.Add((group.Key, reader.GetString(0)));
                    purged++;
                }
            }

            // A grain still holding a deleted row would ignore the row's re-creation (its version starts again at 1). In a
            // cluster the grain lives on the owner of its key's partition, not necessarily here.
            await owners.ForgetRollupsAsync(projectId, forgotten, cancellationToken);
        }

        return purged;
    }

    private async Task<long> ExecuteAsync(string sql, string projectId, string[] ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = ids });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, string projectId, string[] ids) =>
        new(sql) { Parameters = { new NpgsqlParameter { Value = projectId }, new NpgsqlParameter { Value = ids } } };
}
