using Npgsql;
using NpgsqlTypes;

namespace Lantern.Silo.Datasets;

/// <summary>Datasets and their runs in PostgreSQL; datasets are upserted by name within a project.</summary>
public sealed class DatasetStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, name, description, metadata::text, input_schema::text, expected_output_schema::text, project_id, created_at, updated_at";
    private const string RunColumns = "r.id, r.name, r.description, r.metadata::text, r.dataset_id, d.name, r.created_at, r.updated_at";

    public async Task<Dataset> UpsertAsync(string projectId, string name, string? description, string? metadata, string? inputSchema, string? expectedOutputSchema, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO datasets (id, project_id, name, description, metadata, input_schema, expected_output_schema)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (project_id, name) DO UPDATE SET
                description = COALESCE(excluded.description, datasets.description), metadata = COALESCE(excluded.metadata, datasets.metadata),
                input_schema = COALESCE(excluded.input_schema, datasets.input_schema),
                expected_output_schema = COALESCE(excluded.expected_output_schema, datasets.expected_output_schema), updated_at = now()
            RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = Guid.NewGuid().ToString() });
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = DbRead.Param(description), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = DbRead.Param(metadata), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = DbRead.Param(inputSchema), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = DbRead.Param(expectedOutputSchema), NpgsqlDbType = NpgsqlDbType.Jsonb });
        return (await ReadAsync(command, ReadDataset, cancellationToken))[0];
    }

    public async Task<Dataset?> GetAsync(string projectId, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM datasets WHERE project_id = $1 AND name = $2");
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = name });
        return (await ReadAsync(command, ReadDataset, cancellationToken)).FirstOrDefault();
    }

    public async Task<(IReadOnlyList<Dataset> Page, long Total)> ListAsync(string projectId, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM datasets WHERE project_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3");
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = limit });
        command.Parameters.Add(new() { Value = offset });
        var page = await ReadAsync(command, ReadDataset, cancellationToken);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM datasets WHERE project_id = $1");
        count.Parameters.Add(new() { Value = projectId });
        return (page, (long)(await count.ExecuteScalarAsync(cancellationToken))!);
    }

    public async Task<(IReadOnlyList<DatasetRun> Page, long Total)> ListRunsAsync(string datasetId, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {RunColumns} FROM dataset_runs r JOIN datasets d ON d.id = r.dataset_id
            WHERE r.dataset_id = $1 ORDER BY r.created_at DESC, r.id LIMIT $2 OFFSET $3
            """);
        command.Parameters.Add(new() { Value = datasetId });
        command.Parameters.Add(new() { Value = limit });
        command.Parameters.Add(new() { Value = offset });
        var page = await ReadAsync(command, ReadRun, cancellationToken);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM dataset_runs WHERE dataset_id = $1");
        count.Parameters.Add(new() { Value = datasetId });
        return (page, (long)(await count.ExecuteScalarAsync(cancellationToken))!);
    }

    public async Task<DatasetRun?> GetRunAsync(string datasetId, string runName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {RunColumns} FROM dataset_runs r JOIN datasets d ON d.id = r.dataset_id WHERE r.dataset_id = $1 AND r.name = $2");
        command.Parameters.Add(new() { Value = datasetId });
        command.Parameters.Add(new() { Value = runName });
        return (await ReadAsync(command, ReadRun, cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<DatasetRunItem>> RunItemsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT i.id, i.dataset_run_id, r.name, i.dataset_item_id, i.trace_id, i.observation_id, i.created_at, i.updated_at
            FROM dataset_run_items i JOIN dataset_runs r ON r.id = i.dataset_run_id WHERE i.dataset_run_id = $1 ORDER BY i.created_at, i.id
            """);
        command.Parameters.Add(new() { Value = runId });
        return await ReadAsync(command, ReadRunItem, cancellationToken);
    }

    internal static DatasetRunItem ReadRunItem(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), DbRead.Text(r, 5), DbRead.Utc(r, 6), DbRead.Utc(r, 7));

    internal static async Task<IReadOnlyList<T>> ReadAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static Dataset ReadDataset(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), DbRead.Text(r, 2), DbRead.Json(r, 3), DbRead.Json(r, 4), DbRead.Json(r, 5), r.GetString(6), DbRead.Utc(r, 7), DbRead.Utc(r, 8));

    private static DatasetRun ReadRun(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), DbRead.Text(r, 2), DbRead.Json(r, 3), r.GetString(4), r.GetString(5), DbRead.Utc(r, 6), DbRead.Utc(r, 7));
}
