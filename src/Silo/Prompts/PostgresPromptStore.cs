using Lantern.Grains.Prompts;
using Npgsql;
using NpgsqlTypes;

namespace Lantern.Silo.Prompts;

/// <summary>Reads and writes the <c>prompts</c> rows of one prompt name, and its revision (<c>prompt_revisions</c>).</summary>
public sealed class PostgresPromptStore(NpgsqlDataSource dataSource) : IPromptStore
{
    private const string Revision = "SELECT coalesce((SELECT revision FROM prompt_revisions WHERE project_id = $1 AND name = $2), 0)";

    public async Task<PromptSnapshot> LoadAsync(string projectId, string name, CancellationToken cancellationToken)
    {
        // The revision is read before the rows, each statement with its own snapshot: a save committed between the two
        // leaves a revision older than the rows, which costs one refused save and a reload, never a stale copy that
        // passes for current.
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(Revision, projectId, name));
        batch.BatchCommands.Add(Command($"SELECT {PromptRows.Columns} FROM prompts WHERE project_id = $1 AND name = $2 ORDER BY version", projectId, name));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var revision = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var versions = new List<PromptVersion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(PromptRows.Read(reader));
        }

        return new PromptSnapshot(versions, revision);
    }

    public async Task<long> RevisionAsync(string projectId, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Revision);
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = name });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<long?> SaveAsync(
        string projectId, string name, long expectedRevision, IReadOnlyList<PromptVersion> upserts, IReadOnlyList<int> deletedVersions,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // First, and alone: the bump locks the name's revision row until the commit, so saves of one name from different
        // processes run one after another, and a save whose copy is behind writes nothing. A concurrent first save of a
        // new name waits on the conflicting insert and then sees its revision.
        await using (var bump = new NpgsqlCommand("""
            INSERT INTO prompt_revisions (project_id, name, revision) VALUES ($1, $2, $3 + 1)
            ON CONFLICT (project_id, name) DO UPDATE SET revision = excluded.revision
            WHERE prompt_revisions.revision = $3
            RETURNING revision
            """, connection, transaction))
        {
            bump.Parameters.Add(new() { Value = projectId });
            bump.Parameters.Add(new() { Value = name });
            bump.Parameters.Add(new() { Value = expectedRevision });
            if (await bump.ExecuteScalarAsync(cancellationToken) is not long)
            {
                return null;
            }
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        if (deletedVersions.Count > 0)
        {
            var delete = new NpgsqlBatchCommand("DELETE FROM prompts WHERE project_id = $1 AND name = $2 AND version = ANY($3)");
            delete.Parameters.Add(new() { Value = projectId });
            delete.Parameters.Add(new() { Value = name });
            delete.Parameters.Add(new() { Value = deletedVersions.ToArray() });
            batch.BatchCommands.Add(delete);
        }

        foreach (var version in upserts)
        {
            batch.BatchCommands.Add(Upsert(version));
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return expectedRevision + 1;
    }

    private static NpgsqlBatchCommand Command(string sql, string projectId, string name) =>
        new(sql) { Parameters = { new NpgsqlParameter { Value = projectId }, new NpgsqlParameter { Value = name } } };

    private static NpgsqlBatchCommand Upsert(PromptVersion v)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO prompts (id, project_id, name, version, type, prompt, config, labels, tags, commit_message, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (project_id, name, version) DO UPDATE
            SET labels = excluded.labels, tags = excluded.tags, updated_at = excluded.updated_at
            """);
        command.Parameters.Add(new() { Value = v.Id });
        command.Parameters.Add(new() { Value = v.ProjectId });
        command.Parameters.Add(new() { Value = v.Name });
        command.Parameters.Add(new() { Value = v.Version });
        command.Parameters.Add(new() { Value = v.Type });
        command.Parameters.Add(new() { Value = v.Prompt, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = v.Config, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = v.Labels.ToArray() });
        command.Parameters.Add(new() { Value = v.Tags.ToArray() });
        command.Parameters.Add(new() { Value = (object?)v.CommitMessage ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = v.CreatedAt });
        command.Parameters.Add(new() { Value = v.UpdatedAt });
        return command;
    }
}
