using Lantern.Grains.Rollups;
using Lantern.Silo.Cluster;
using Npgsql;

namespace Lantern.Silo.Privacy;

/// <summary>
/// GDPR erasure: removes every trace of one user (with its observations, scores and rollup contributions), the user's
/// rollup rows and in-memory state, and records a receipt in the audit trail.
/// </summary>
public sealed class UserErasure(NpgsqlDataSource dataSource, TracePurger purger, IOwnerDeletions owners, AuditLog audit, TimeProvider time)
{
    private const int BatchSize = 1000;

    public async Task<ErasureReceipt> EraseAsync(string projectId, string userId, string actor, CancellationToken cancellationToken)
    {
        var deleted = PurgeCounts.Zero;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (await NextBatchAsync(projectId, userId, cancellationToken) is { Count: > 0 } batch)
        {
            // A trace that survives its deletion (written again meanwhile) must not loop forever: stop when nothing is new.
            if (!batch.Any(seen.Add))
            {
                break;
            }

            deleted = deleted.Add(await purger.PurgeAsync(projectId, batch, cancellationToken));
        }

        // Also after an erasure that failed halfway (503) and is asked again: its traces may be gone by then, but the
        // user's rows must not outlive them.
        deleted = deleted.Add(PurgeCounts.Zero with { RollupRows = await purger.PurgeZeroRowsAsync(projectId, [(RollupScope.User, userId)], cancellationToken) });
        // Even when no row was left to delete: the user's grain and the spend alerts about the user are dropped where they
        // live (the owner of the user's partition in a cluster), so no identifier of the user stays in memory.
        await owners.ForgetRollupsAsync(projectId, [(RollupScope.User, userId)], cancellationToken);
        var timestamp = time.GetUtcNow();
        var entry = await audit.AppendAsync(projectId, actor, AuditActions.UserErased, userId, new { userId, deleted }, cancellationToken);
        return new ErasureReceipt(entry.Id, projectId, userId, timestamp, deleted);
    }

    private async Task<List<string>> NextBatchAsync(string projectId, string userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM traces WHERE project_id = $1 AND user_id = $2 LIMIT $3");
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = BatchSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
