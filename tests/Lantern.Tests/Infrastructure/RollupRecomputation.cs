using System.Globalization;

namespace Lantern.Tests.Infrastructure;

/// <summary>
/// The rollup invariant: every user, session, project and prompt rollup equals a recomputation from the stored trace and
/// observation rows (after resends, crashes, redeliveries and deletions alike), and no user or session keeps a rollup row
/// once nothing of it is stored.
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
        WHERE {0} IS NOT NULL GROUP BY 1 {1} ORDER BY 1
        """;

    private const string RolledUp = """
        SELECT scope_key AS key, sum(traces) AS traces, sum(observations) AS observations, sum(generations) AS generations,
               sum(errors) AS errors, sum(cost) AS cost, sum(total_tokens) AS tokens
        FROM rollups WHERE scope = $1 GROUP BY scope_key {0} ORDER BY 1
        """;

    // The project's own rows may fall to zero and stay (they name no person); user, session and prompt rows must vanish.
    private const string NonZero = "HAVING count(*) > 0 AND (sum(traces) <> 0 OR sum(observations) <> 0)";

    /// <summary>Per key of <paramref name="column"/> (e.g. <c>t.user_id</c>): traces, observations, generations, errors, cost, tokens.</summary>
    public static Task<List<Dictionary<string, object?>>> RecomputeAsync(string connectionString, string column) =>
        Sql.RowsAsync(connectionString, string.Format(CultureInfo.InvariantCulture, Recomputed, column, ""));

    /// <param name="connectionString">The database to check.</param>
    /// <param name="afterTraceDeletion">Trace deletion leaves zeroed user, session and prompt rows (only erasure and retention remove them): compare non-zero rows only.</param>
    public static async Task AssertConsistentAsync(string connectionString, bool afterTraceDeletion = false)
    {
        foreach (var (scope, column) in new[] { ("user", "t.user_id"), ("session", "t.session_id"), ("project", "''") })
        {
            var having = scope == "project" || afterTraceDeletion ? NonZero : "";
            var expected = await RecomputeAsync(connectionString, column);
            var actual = await Sql.RowsAsync(connectionString, string.Format(CultureInfo.InvariantCulture, RolledUp, having), scope);
            Assert.Equal(Describe(expected), Describe(actual));
        }

        var promptsExpected = await Sql.RowsAsync(connectionString,
            "SELECT prompt_name, prompt_version, count(*) AS n, sum(total_cost) AS cost FROM observations WHERE prompt_name IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2");
        var promptsActual = await Sql.RowsAsync(connectionString,
            "SELECT scope_key, scope_version, sum(generations) AS n, sum(cost) AS cost FROM rollups WHERE scope = 'prompt' GROUP BY 1, 2 " +
            (afterTraceDeletion ? "HAVING sum(generations) <> 0 " : "") + "ORDER BY 1, 2");
        Assert.Equal(Describe(promptsExpected), Describe(promptsActual));
        Assert.Equal(0L, afterTraceDeletion ? 0L : await Sql.ScalarAsync<long>(connectionString, """
            SELECT count(*) FROM (SELECT scope, scope_key FROM rollups WHERE scope IN ('user', 'session')
            GROUP BY 1, 2 HAVING sum(traces) = 0 AND sum(observations) = 0) AS empty
            """));
    }

    private static List<string> Describe(List<Dictionary<string, object?>> rows) =>
        [.. rows.Select(r => string.Join(" | ", r.Values.Select(v => Convert.ToString(v is decimal d ? d.Normalize() : v, CultureInfo.InvariantCulture))))];
}
