using Lantern.Tests.Infrastructure;
using Npgsql;

namespace Lantern.Tests.Storage;

/// <summary>
/// The new-trace check's three lookups (migration 0037) keep their plan for the connection only while it cannot be one
/// made for a few rows that the table has since outgrown: while the table is empty, or once its statistics count enough
/// rows, and enough per project. A plan kept from statistics must probe an index per key. The plans are read from
/// <c>auto_explain</c>, which the check's own connection loads and reports as notices.
/// </summary>
public sealed class NewTraceCheckPlanTests
{
    // PostgreSQL may switch a statement to a kept (generic) plan after five runs: run well past that.
    private const int ChecksBeforeExplaining = 15;
    private const int GrownRows = 20_000;

    // auto_explain shows a kept plan's keys as parameters and a plan made for its keys with them.
    private const string Kept = "unnest($1)";
    private const string PlannedForItsKeys = "unnest('{p}'::text[])";

    private static readonly string[] Tables = ["traces", "observations", "scores"];
    private static readonly string[] Lookups = ["JOIN traces t", "JOIN observations o", "JOIN scores s"];

    [Fact]
    public async Task A_plan_kept_while_the_tables_were_empty_is_dropped_as_they_fill_and_index_probes_are_kept_once_analyzed()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        // Only this test's ANALYZE: autovacuum running between the growth and the check would make it another test.
        await ExecuteAsync(connection, string.Join(';', Tables.Select(table => $"ALTER TABLE {table} SET (autovacuum_enabled = false)")));

        var whileEmpty = await ExplainCheckAsync(connection);
        Assert.All(whileEmpty, plan => Assert.Contains(Kept, plan, StringComparison.Ordinal));

        await GrowAsync(connection, projects: 1, analyze: false);
        var grownNotAnalyzed = await ExplainCheckAsync(connection);
        Assert.All(grownNotAnalyzed, plan => Assert.Contains(PlannedForItsKeys, plan, StringComparison.Ordinal));
        Assert.Equal(["traces_pkey", "observations_trace", "scores_trace"], grownNotAnalyzed.Select(IndexOf));

        await ExecuteAsync(connection, "ANALYZE projects, traces, observations, scores");
        var analyzed = await ExplainCheckAsync(connection);
        Assert.All(analyzed, plan => Assert.Contains(Kept, plan, StringComparison.Ordinal));
        Assert.Equal(["traces_pkey", "observations_trace", "scores_trace"], analyzed.Select(IndexOf));

        // The kept plans still find what is stored.
        var failure = await Assert.ThrowsAsync<PostgresException>(() => CheckAsync(connection, "not-stored", "grown-7"));
        Assert.Equal("LNT01", failure.SqlState);
        Assert.Equal("""[["p", "grown-7"], ["p", "grown-7"], ["p", "grown-7"]]""", failure.MessageText);
    }

    [Fact]
    public async Task Its_lookups_are_planned_per_call_while_the_tables_hold_few_rows_per_project()
    {
        // 20,000 rows over 100 projects: a plan kept for 200 rows per project might scan a project's rows per key, which is
        // harmless for those projects and not for a large one that joins them.
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await GrowAsync(connection, projects: 100, analyze: true);

        var plans = await ExplainCheckAsync(connection);

        Assert.All(plans, plan => Assert.Contains(PlannedForItsKeys, plan, StringComparison.Ordinal));
        Assert.Equal(["traces_pkey", "observations_trace", "scores_trace"], plans.Select(IndexOf));
    }

    /// <summary>Runs the check with keys that are not stored, then once more with auto_explain on: the three lookups' plans.</summary>
    private static async Task<List<string>> ExplainCheckAsync(NpgsqlConnection connection)
    {
        for (var i = 0; i < ChecksBeforeExplaining; i++)
        {
            await CheckAsync(connection, $"new-{i}");
        }

        var notices = new List<string>();
        void Collect(object sender, NpgsqlNoticeEventArgs e) => notices.Add(e.Notice.MessageText);
        connection.Notice += Collect;
        await ExecuteAsync(connection, """
            LOAD 'auto_explain';
            SET auto_explain.log_min_duration = 0;
            SET auto_explain.log_nested_statements = on;
            SET auto_explain.log_verbose = on;
            SET auto_explain.log_level = notice;
            """);
        await CheckAsync(connection, "new-explained");
        await ExecuteAsync(connection, "SET auto_explain.log_min_duration = -1");
        connection.Notice -= Collect;
        return [.. Lookups.Select(lookup => Assert.Single(notices, notice => notice.Contains(lookup, StringComparison.Ordinal)))];
    }

    private static async Task CheckAsync(NpgsqlConnection connection, params string[] traceIds)
    {
        await using var command = new NpgsqlCommand("SELECT * FROM lantern_check_new_traces($1::text[], $2::text[])", connection)
        {
            Parameters = { new() { Value = traceIds.Select(_ => "p").ToArray() }, new() { Value = traceIds } },
        };
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Stores <see cref="GrownRows"/> traces, each with an observation and a score, spread over the projects.</summary>
    private static Task GrowAsync(NpgsqlConnection connection, int projects, bool analyze) => ExecuteAsync(connection, $$"""
        INSERT INTO projects (id, name, org_id, org_name) SELECT CASE WHEN g = 0 THEN 'p' ELSE 'p' || g END, 'n', 'o', 'o' FROM generate_series(0, {{projects - 1}}) g;
        INSERT INTO traces (project_id, id, timestamp, fields)
          SELECT CASE WHEN g % {{projects}} = 0 THEN 'p' ELSE 'p' || g % {{projects}} END, 'grown-' || g, now(), '{}' FROM generate_series(1, {{GrownRows}}) g;
        INSERT INTO observations (project_id, id, trace_id, type, start_time, fields) SELECT project_id, id, id, 'SPAN', now(), '{}' FROM traces;
        INSERT INTO scores (project_id, id, trace_id, name, data_type, timestamp, fields) SELECT project_id, id, id, 'n', 'NUMERIC', now(), '{}' FROM traces;
        {{(analyze ? "ANALYZE projects, traces, observations, scores" : "")}};
        """);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The index a lookup's plan probes ("" when it reads none).</summary>
    private static string IndexOf(string plan)
    {
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        var scan = plan.Split('\n').FirstOrDefault(line => line.Contains(" using ", StringComparison.Ordinal)) ?? "";
        return scan.Split(" using ", 2) is [_, var rest] ? rest.Split(' ')[0] : "";
    }
}
