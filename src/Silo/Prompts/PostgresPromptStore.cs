using Lantern.Grains.Prompts;
using Npgsql;
using NpgsqlTypes;

namespace Lantern.Silo.Prompts;

/// <summary>Reads and writes the <c>prompts</c> rows of one prompt name.</summary>
public sealed class PostgresPromptStore(NpgsqlDataSource dataSource) : IPromptStore
{
    public async Task<IReadOnlyList<PromptVersion>> LoadAsync(string projectId, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {PromptRows.Columns} FROM prompts WHERE project_id = $1 AND name = $2 ORDER BY version");
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<PromptVersion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(PromptRows.Read(reader));
        }

        return versions;
    }

    public async Task SaveAsync(string projectId, string name, IReadOnlyList<PromptVersion> upserts, IReadOnlyList<int> deletedVersions, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
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
    }

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
