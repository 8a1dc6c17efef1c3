using System.Text.Json;
using Npgsql;

namespace Lantern.Silo.Datasets;

/// <summary>
/// Reads the run items of some runs of a dataset with what their linked traces measured: latency and cost from the trace
/// row, and the average of each numeric score on the trace (trace and observation scores alike).
/// </summary>
public sealed class RunComparisonQuery(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        SELECT r.name, ri.dataset_item_id, ri.trace_id, t.latency, t.total_cost,
               (SELECT jsonb_object_agg(s.name, s.average)::text
                FROM (SELECT name, avg(value) AS average FROM scores
                      WHERE project_id = ri.project_id AND trace_id = ri.trace_id AND value IS NOT NULL GROUP BY name) s)
        FROM dataset_runs r
        JOIN dataset_run_items ri ON ri.dataset_run_id = r.id
        LEFT JOIN traces t ON t.project_id = ri.project_id AND t.id = ri.trace_id
        WHERE r.dataset_id = $1 AND r.name = ANY($2)
        ORDER BY ri.dataset_item_id, r.name, ri.created_at
        """;

    public async Task<List<RunComparisonRow>> ReadAsync(string datasetId, IReadOnlyList<string> runNames, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = datasetId });
        command.Parameters.Add(new NpgsqlParameter { Value = runNames.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<RunComparisonRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RunComparisonRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetDecimal(4),
                reader.IsDBNull(5) ? new Dictionary<string, double>() : JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(5))!));
        }

        return rows;
    }
}
