using Lantern.Contracts.Rollups;
using Npgsql;
using NpgsqlTypes;

namespace Lantern.Silo.Rollups;

/// <summary>
/// Langfuse's legacy daily metrics: traces matching the filters grouped by their UTC day, with their observations' cost and
/// usage per model. It reads traces and observations (not rollups) because it filters by trace name and tags, which rollups
/// do not keep; the filters use the trace indexes on project and time, user, name and tags.
/// </summary>
public sealed class DailyMetricsQuery(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        WITH t AS (
            SELECT id, (timestamp AT TIME ZONE 'UTC')::date AS day FROM traces
            WHERE project_id = $1 AND ($2::text IS NULL OR name = $2) AND ($3::text IS NULL OR user_id = $3)
              AND tags @> $4::text[] AND (cardinality($5::text[]) = 0 OR environment = ANY ($5))
              AND ($6::timestamptz IS NULL OR timestamp >= $6) AND ($7::timestamptz IS NULL OR timestamp < $7)),
        days AS (SELECT day, count(*) AS traces FROM t GROUP BY day ORDER BY day DESC LIMIT $8 OFFSET $9),
        obs AS (
            SELECT t.day, t.id AS trace_id, o.model, o.total_cost, u.input, u.output, coalesce(u.total, u.input + u.output) AS total,
                   (o.model IS NOT NULL OR o.usage_details <> '{}' OR o.cost_details <> '{}') AS priced
            FROM t JOIN days d ON d.day = t.day
            JOIN observations o ON o.project_id = $1 AND o.trace_id = t.id
            CROSS JOIN LATERAL (
                SELECT coalesce(sum(value::bigint) FILTER (WHERE key LIKE '%input%'), 0) AS input,
                       coalesce(sum(value::bigint) FILTER (WHERE key LIKE '%output%'), 0) AS output,
                       max(value::bigint) FILTER (WHERE key = 'total') AS total
                FROM jsonb_each_text(o.usage_details)) u),
        per_day AS (SELECT day, count(*) AS observations, coalesce(sum(total_cost), 0) AS cost FROM obs GROUP BY day),
        per_model AS (
            SELECT day, model, sum(input) AS input, sum(output) AS output, sum(total) AS total, count(*) AS observations,
                   count(DISTINCT trace_id) AS traces, coalesce(sum(total_cost), 0) AS cost
            FROM obs WHERE priced GROUP BY day, model)
        SELECT (SELECT count(DISTINCT day) FROM t), d.day, d.traces, coalesce(p.observations, 0), coalesce(p.cost, 0),
               m.day IS NOT NULL, m.model, m.input, m.output, m.total, m.observations, m.traces, m.cost
        FROM (SELECT 1) AS one
        LEFT JOIN days d ON true
        LEFT JOIN per_day p ON p.day = d.day
        LEFT JOIN per_model m ON m.day = d.day
        ORDER BY d.day DESC, m.cost DESC, m.model
        """;

    public async Task<(IReadOnlyList<DailyMetrics> Days, long TotalDays)> QueryAsync(DailyFilter filter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new() { Value = filter.ProjectId });
        command.Parameters.Add(new() { Value = (object?)filter.TraceName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)filter.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = filter.Tags.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = filter.Environments.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(RollupQueries.Timestamp(filter.From));
        command.Parameters.Add(RollupQueries.Timestamp(filter.To));
        command.Parameters.Add(new() { Value = filter.Limit });
        command.Parameters.Add(new() { Value = filter.Offset });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var days = new List<DailyMetrics>();
        long total = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            total = reader.GetInt64(0);
            if (reader.IsDBNull(1))
            {
                continue;
            }

            var date = reader.GetFieldValue<DateOnly>(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (days.Count == 0 || days[^1].Date != date)
            {
                days.Add(new DailyMetrics(date, reader.GetInt64(2), reader.GetInt64(3), reader.GetDecimal(4), new List<DailyModelUsage>()));
            }

            if (reader.GetBoolean(5))
            {
                ((List<DailyModelUsage>)days[^1].Usage).Add(new DailyModelUsage(
                    reader.IsDBNull(6) ? null : reader.GetString(6), RollupQueries.Long(reader, 7), RollupQueries.Long(reader, 8),
                    RollupQueries.Long(reader, 9), reader.GetInt64(10), reader.GetInt64(11), reader.GetDecimal(12)));
            }
        }

        return (days, total);
    }
}
