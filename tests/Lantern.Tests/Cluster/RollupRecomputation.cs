using System.Globalization;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Cluster;

/// <summary>
/// Compares every stored rollup with a recomputation from the stored trace and observation rows (the queries of
/// Ingestion/RollupInvariantTests): after crashes and redeliveries nothing may be counted twice or lost.
/// </summary>
public static class RollupRecomputation
{
    private const string Recomputed = """
        SELECT {0} AS key, count(*) AS traces, sum(o.observations) AS observations, sum(o.generations) AS generations,
               sum(o.errors) AS errors, sum(o.cost) AS cost, sum(o.tokens) AS tokens
        FROM traces t CROSS JOIN LATERAL (
            SELECT count(*) AS observations,
                   count(*) FILTER (WHERE model IS NOT NULL OR usage_details <> '{{}}' OR cost_details <> '{{}}') AS generations,
                   count(*) FILTER (WHERE level = 'ERROR') AS errors,
                   coalesce(sum(total_cost), 0) AS cost, coalesce(sum((usage_details->>'total')::bigint), 0) AS tokens
            FROM observations o WHERE o.project_id = t.project_id AND o.trace_id = t.id) o
        WHERE {0} IS NOT NULL GROUP BY 1 ORDER BY 1
        """;

    private const string RolledUp = """
        SELECT scope_key AS key, sum(traces) AS traces, sum(observations) AS observations, sum(generations) AS generations,
               sum(errors) AS errors, sum(cost) AS cost, sum(total_tokens) AS tokens
        FROM rollups WHERE scope = $1 GROUP BY scope_key ORDER BY 1
        """;

    public static async Task AssertEqualAsync(string connectionString)
    {
        foreach (var (scope, column) in new[] { ("user", "t.user_id"), ("session", "t.session_id"), ("project", "''") })
        {
            var expected = await Sql.RowsAsync(connectionString, string.Format(CultureInfo.InvariantCulture, Recomputed, column));
            var actual = await Sql.RowsAsync(connectionString, RolledUp, scope);
            Assert.Equal(Describe(expected), Describe(actual));
        }
    }

    private static List<string> Describe(List<Dictionary<string, object?>> rows) =>
        [.. rows.Select(r => string.Join(" | ", r.Values.Select(v => Convert.ToString(v is decimal d ? d.Normalize() : v, CultureInfo.InvariantCulture))))];
}
