using System.Text.Json;
using Lantern.Silo.Encryption;
using Npgsql;
using NpgsqlTypes;

namespace Lantern.Silo.Datasets;

/// <summary>Dataset items (upserted by client-chosen id), their input, expected output and metadata encrypted when a key is set.</summary>
public sealed class DatasetItemStore(NpgsqlDataSource dataSource, PayloadCipher cipher)
{
    private const string Select = """
        SELECT i.id, i.status, i.input::text, i.expected_output::text, i.metadata::text, i.source_trace_id, i.source_observation_id,
               i.dataset_id, d.name, i.created_at, i.updated_at, i.project_id
        FROM dataset_items i JOIN datasets d ON d.id = i.dataset_id
        """;

    /// <summary>The stored item, or null with the reason (unknown dataset, or the id belongs to another dataset).</summary>
    public async Task<(DatasetItem? Item, string? NotFound)> UpsertAsync(string projectId, NewDatasetItem item, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH target AS (SELECT id FROM datasets WHERE project_id = $1 AND name = $2)
            INSERT INTO dataset_items (project_id, id, dataset_id, status, input, expected_output, metadata, source_trace_id, source_observation_id)
            SELECT $1, $3, target.id, COALESCE($4, 'ACTIVE'), $5, $6, $7, $8, $9 FROM target
            ON CONFLICT (project_id, id) DO UPDATE SET
                status = COALESCE($4, dataset_items.status), input = COALESCE(excluded.input, dataset_items.input),
                expected_output = COALESCE(excluded.expected_output, dataset_items.expected_output),
                metadata = COALESCE(excluded.metadata, dataset_items.metadata),
                source_trace_id = COALESCE(excluded.source_trace_id, dataset_items.source_trace_id),
                source_observation_id = COALESCE(excluded.source_observation_id, dataset_items.source_observation_id), updated_at = now()
            WHERE dataset_items.dataset_id = excluded.dataset_id
            RETURNING id
            """);
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = item.DatasetName });
        command.Parameters.Add(new() { Value = item.Id });
        command.Parameters.Add(new() { Value = DbRead.Param(item.Status), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = DbRead.Param(cipher.Encrypt(item.Input, Field(projectId, item.Id, "input"))), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = DbRead.Param(cipher.Encrypt(item.ExpectedOutput, Field(projectId, item.Id, "expected_output"))), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = DbRead.Param(cipher.Encrypt(item.Metadata, Field(projectId, item.Id, "metadata"))), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = DbRead.Param(item.SourceTraceId), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = DbRead.Param(item.SourceObservationId), NpgsqlDbType = NpgsqlDbType.Text });
        if (await command.ExecuteScalarAsync(cancellationToken) is null)
        {
            return await DatasetExistsAsync(projectId, item.DatasetName, cancellationToken)
                ? (null, $"Dataset item {item.Id} belongs to another dataset")
                : (null, "Dataset not found");
        }

        return (await GetAsync(projectId, item.Id, cancellationToken), null);
    }

    public async Task<DatasetItem?> GetAsync(string projectId, string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{Select} WHERE i.project_id = $1 AND i.id = $2");
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = id });
        return (await DatasetStore.ReadAsync(command, Read, cancellationToken)).FirstOrDefault();
    }

    public async Task<(IReadOnlyList<DatasetItem> Page, long Total)> ListActiveAsync(
        string projectId, string? datasetId, string? sourceTraceId, string? sourceObservationId, int offset, int limit, CancellationToken cancellationToken)
    {
        const string Where = """
             WHERE i.project_id = $1 AND i.status = 'ACTIVE' AND ($2::text IS NULL OR i.dataset_id = $2)
               AND ($3::text IS NULL OR i.source_trace_id = $3) AND ($4::text IS NULL OR i.source_observation_id = $4)
            """;
        await using var command = dataSource.CreateCommand($"{Select}{Where} ORDER BY i.created_at DESC, i.id LIMIT $5 OFFSET $6");
        await using var count = dataSource.CreateCommand($"SELECT count(*) FROM dataset_items i{Where}");
        foreach (var c in new[] { command, count })
        {
            c.Parameters.Add(new() { Value = projectId });
            c.Parameters.Add(new() { Value = DbRead.Param(datasetId), NpgsqlDbType = NpgsqlDbType.Text });
            c.Parameters.Add(new() { Value = DbRead.Param(sourceTraceId), NpgsqlDbType = NpgsqlDbType.Text });
            c.Parameters.Add(new() { Value = DbRead.Param(sourceObservationId), NpgsqlDbType = NpgsqlDbType.Text });
        }

        command.Parameters.Add(new() { Value = limit });
        command.Parameters.Add(new() { Value = offset });
        var page = await DatasetStore.ReadAsync(command, Read, cancellationToken);
        return (page, (long)(await count.ExecuteScalarAsync(cancellationToken))!);
    }

    public async Task<bool> DeleteAsync(string projectId, string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM dataset_items WHERE project_id = $1 AND id = $2");
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private async Task<bool> DatasetExistsAsync(string projectId, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT 1 FROM datasets WHERE project_id = $1 AND name = $2");
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = name });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private DatasetItem Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), Payload(r, 2, "input"), Payload(r, 3, "expected_output"), Payload(r, 4, "metadata"), DbRead.Text(r, 5),
        DbRead.Text(r, 6), r.GetString(7), r.GetString(8), DbRead.Utc(r, 9), DbRead.Utc(r, 10));

    private JsonElement? Payload(NpgsqlDataReader r, int ordinal, string column) =>
        cipher.Decrypt(DbRead.Text(r, ordinal), Field(r.GetString(11), r.GetString(0), column)) is { } json ? DbRead.Json(json) : null;

    private static PayloadField Field(string projectId, string id, string column) => new("dataset_items", projectId, id, column);
}
