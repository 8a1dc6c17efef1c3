using Npgsql;
using NpgsqlTypes;

namespace Lantern.Silo.Datasets;

/// <summary>Creates run items, creating the run (by name within the item's dataset) on first use.</summary>
public sealed class RunItemStore(NpgsqlDataSource dataSource)
{
    /// <summary>The created run item, or null with Langfuse's not-found message.</summary>
    public async Task<(DatasetRunItem? Item, string? NotFound)> CreateAsync(string projectId, NewRunItem request, CancellationToken cancellationToken)
    {
        await using var item = dataSource.CreateCommand("SELECT dataset_id FROM dataset_items WHERE project_id = $1 AND id = $2");
        item.Parameters.Add(new() { Value = projectId });
        item.Parameters.Add(new() { Value = request.DatasetItemId });
        if (await item.ExecuteScalarAsync(cancellationToken) is not string datasetId)
        {
            return (null, "Dataset item not found");
        }

        var traceId = request.TraceId;
        if (traceId is null)
        {
            await using var lookup = dataSource.CreateCommand("SELECT trace_id FROM observations WHERE project_id = $1 AND id = $2 LIMIT 1");
            lookup.Parameters.Add(new() { Value = projectId });
            lookup.Parameters.Add(new() { Value = request.ObservationId! });
            traceId = await lookup.ExecuteScalarAsync(cancellationToken) as string;
            if (traceId is null)
            {
                return (null, "Observation not found");
            }
        }

        await using var command = dataSource.CreateCommand("""
            WITH run AS (
                INSERT INTO dataset_runs (id, project_id, dataset_id, name, description, metadata) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (dataset_id, name) DO UPDATE SET
                    description = COALESCE(dataset_runs.description, excluded.description),
                    metadata = COALESCE(dataset_runs.metadata, excluded.metadata)
                RETURNING id, name)
            INSERT INTO dataset_run_items (id, project_id, dataset_run_id, dataset_item_id, trace_id, observation_id)
            SELECT $7, $2, run.id, $8, $9, $10 FROM run
            RETURNING id, dataset_run_id, (SELECT name FROM run), dataset_item_id, trace_id, observation_id, created_at, updated_at
            """);
        command.Parameters.Add(new() { Value = Guid.NewGuid().ToString() });
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = datasetId });
        command.Parameters.Add(new() { Value = request.RunName });
        command.Parameters.Add(new() { Value = DbRead.Param(request.RunDescription), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = DbRead.Param(request.Metadata), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = Guid.NewGuid().ToString() });
        command.Parameters.Add(new() { Value = request.DatasetItemId });
        command.Parameters.Add(new() { Value = traceId });
        command.Parameters.Add(new() { Value = DbRead.Param(request.ObservationId), NpgsqlDbType = NpgsqlDbType.Text });
        return ((await DatasetStore.ReadAsync(command, DatasetStore.ReadRunItem, cancellationToken))[0], null);
    }
}
