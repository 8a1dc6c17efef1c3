using System.Globalization;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Rollups;

/// <summary>
/// Rollup measures recomputed from the stored traces, observations and scores, described as one line per key so that an
/// endpoint's answer and the recomputation compare as text.
/// </summary>
public static class Recomputation
{
    private const string Priced = "(o.model IS NOT NULL OR o.usage_details <> '{}' OR o.cost_details <> '{}')";

    /// <summary>Per key of <paramref name="column"/> (t.user_id, t.session_id): traces|observations|generations|errors|cost|input|output|total.</summary>
    public static async Task<Dictionary<string, string>> TotalsAsync(string connectionString, string column) =>
        Describe(await Sql.RowsAsync(connectionString, $"""
            SELECT {column} AS key, count(*) AS traces, sum(o.observations) AS observations, sum(o.generations) AS generations,
                   sum(o.errors) AS errors, sum(o.cost) AS cost, sum(o.input) AS input, sum(o.output) AS output, sum(o.total) AS total
            FROM traces t CROSS JOIN LATERAL (
                SELECT count(*) AS observations, count(*) FILTER (WHERE {Priced}) AS generations,
                       count(*) FILTER (WHERE level = 'ERROR') AS errors, coalesce(sum(total_cost), 0) AS cost,
                       coalesce(sum((usage_details->>'input')::bigint), 0) AS input,
                       coalesce(sum((usage_details->>'output')::bigint), 0) AS output,
                       coalesce(sum(coalesce((usage_details->>'total')::bigint,
                           coalesce((usage_details->>'input')::bigint, 0) + coalesce((usage_details->>'output')::bigint, 0))), 0) AS total
                FROM observations o WHERE o.project_id = t.project_id AND o.trace_id = t.id) o
            WHERE {column} IS NOT NULL GROUP BY 1
            """));

    /// <summary>Per key: "model:cost:generations" of each model, by cost then name.</summary>
    public static async Task<Dictionary<string, string>> ModelsAsync(string connectionString, string column) =>
        Group(await Sql.RowsAsync(connectionString, $"""
            SELECT {column} AS key, coalesce(o.model, '') || ':' || sum(coalesce(o.total_cost, 0))::numeric(20, 9) || ':' || count(*) AS line
            FROM observations o JOIN traces t ON t.project_id = o.project_id AND t.id = o.trace_id
            WHERE {column} IS NOT NULL AND {Priced}
            GROUP BY {column}, o.model ORDER BY 1, sum(coalesce(o.total_cost, 0)) DESC, coalesce(o.model, '')
            """));

    /// <summary>Per key: "name:average(6 digits):count" of each numeric or boolean score on its traces.</summary>
    public static async Task<Dictionary<string, string>> ScoresAsync(string connectionString, string column) =>
        Group(await Sql.RowsAsync(connectionString, $"""
            SELECT {column} AS key, s.name || ':' || round(avg(s.value)::numeric, 6) || ':' || count(*) AS line
            FROM scores s JOIN traces t ON t.project_id = s.project_id AND t.id = s.trace_id
            WHERE {column} IS NOT NULL AND s.value IS NOT NULL AND s.data_type IN ('NUMERIC', 'BOOLEAN')
            GROUP BY {column}, s.name ORDER BY 1, s.name
            """));

    public static string Line(params object?[] values) =>
        string.Join("|", values.Select(v => Convert.ToString(v is decimal d ? d.Normalize() : v, CultureInfo.InvariantCulture)));

    private static Dictionary<string, string> Describe(List<Dictionary<string, object?>> rows) =>
        rows.ToDictionary(r => (string)r["key"]!, r => Line([.. r.Values.Skip(1).Select(v => v is decimal d ? d.Normalize() : v is long l ? (decimal)l : v)]));

    private static Dictionary<string, string> Group(List<Dictionary<string, object?>> rows) =>
        rows.GroupBy(r => (string)r["key"]!).ToDictionary(g => g.Key, g => string.Join(";", g.Select(r => (string)r["line"]!)));
}
