using System.Text.Json.Nodes;
using Lantern.Grains.Traces;
using Lantern.Silo.Storage;
using Lantern.Silo.Traces;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Storage;

/// <summary>
/// A young database's tables grow fast, and the key lookups on the ingestion path must keep probing the index as they do:
/// a plan PostgreSQL made for them while the tables held a few rows (a whole-table hash join) must not outlive that.
/// </summary>
public sealed class LookupPlanTests
{
    // Npgsql prepares a statement after 5 uses, PostgreSQL may pick a generic plan after 5 more: run well past both.
    private const int LookupsWhileSmall = 15;
    private const int GrownRows = 20_000;

    [Fact]
    public async Task The_activation_read_of_a_trace_probes_the_primary_keys_after_the_tables_grow()
    {
        // The node's own group load: grains read through it when their trace left memory recently or a commit found it stored.
        await using var app = await LanternApp.StartAsync();
        var loader = app.Services.GetRequiredService<TraceLoadBatcher>();
        await LookUpWhileSmallThenAfterGrowthAsync(app, id => loader.LoadAsync(LanternApp.ProjectId, id, TestContext.Current.CancellationToken));

        Assert.Equal(["traces_pkey", "observations_trace", "scores_trace"], [
            await IndexOfLookupAsync(app, "JOIN traces t", "traces"),
            await IndexOfLookupAsync(app, "JOIN observations o", "observations"),
            await IndexOfLookupAsync(app, "JOIN scores s", "scores"),
        ]);
    }

    [Fact]
    public async Task The_trace_lookup_of_an_observation_sent_without_its_trace_probes_the_primary_key_after_the_table_grows()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await AcceptAsync(http, Event("trace-create", new JsonObject { ["id"] = "t" }));
        await LookUpWhileSmallThenAfterGrowthAsync(app, id => AcceptAsync(http, Event("span-update", new JsonObject { ["id"] = $"unknown-{id}" })));

        Assert.Equal("observations_pkey", await IndexOfLookupAsync(app, "FROM observations WHERE", "observations"));
    }

    [Fact]
    public async Task The_read_of_a_score_without_a_trace_probes_the_primary_key_after_the_table_grows()
    {
        // Scores of sessions and dataset runs, read by their grain's activation.
        await using var app = await LanternApp.StartAsync();
        var store = app.Services.GetRequiredService<ITraceStore>();
        await LookUpWhileSmallThenAfterGrowthAsync(app, id => store.LoadScoreAsync(LanternApp.ProjectId, id, TestContext.Current.CancellationToken));

        Assert.Equal("scores_pkey", await IndexOfLookupAsync(app, "FROM scores WHERE", "scores"));
    }

    /// <summary>Runs the node's lookup (given a key not stored) while the tables are small, grows them, and runs it once more.</summary>
    private static async Task LookUpWhileSmallThenAfterGrowthAsync(LanternApp app, Func<string, Task> lookup)
    {
        for (var i = 0; i < LookupsWhileSmall; i++)
        {
            await lookup($"small-{i}");
        }

        await GrowAsync(app.ConnectionString);
        await lookup("after-growth");
    }

    private static async Task AcceptAsync(HttpClient http, JsonObject ingestionEvent)
    {
        var (response, body) = await http.PostAsync(ingestionEvent);
        Assert.True(response.IsSuccessStatusCode, body?.ToJsonString());
        Assert.Empty(body!["errors"]!.AsArray());
    }

    /// <summary>Fills the tables without ANALYZE, as a burst of ingestion does between two autovacuum runs.</summary>
    private static async Task GrowAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var batch = new NpgsqlBatch(await dataSource.OpenConnectionAsync())
        {
            BatchCommands =
            {
                new($"INSERT INTO traces (project_id, id, timestamp, fields) SELECT $1, 'grown-' || g, now(), '{{}}' FROM generate_series(1, {GrownRows}) g")
                    { Parameters = { new() { Value = LanternApp.ProjectId } } },
                new($"INSERT INTO observations (project_id, id, trace_id, type, start_time, fields) SELECT $1, 'grown-' || g, 'grown-' || g, 'SPAN', now(), '{{}}' FROM generate_series(1, {GrownRows}) g")
                    { Parameters = { new() { Value = LanternApp.ProjectId } } },
                new($"INSERT INTO scores (project_id, id, trace_id, name, data_type, timestamp, fields) SELECT $1, 'grown-' || g, 'grown-' || g, 'n', 'NUMERIC', now(), '{{}}' FROM generate_series(1, {GrownRows}) g")
                    { Parameters = { new() { Value = LanternApp.ProjectId } } },
            },
        };
        await batch.ExecuteNonQueryAsync();
        await batch.Connection!.DisposeAsync();
    }

    /// <summary>
    /// Explains the node's own prepared lookup (found by a fragment of its text) on the lookup connection that ran it, with
    /// a key that is not stored, and returns the index it reads on <paramref name="table"/> ("" when it scans the table).
    /// </summary>
    private static async Task<string> IndexOfLookupAsync(LanternApp app, string statementFragment, string table)
    {
        await using var connection = await app.Services.GetRequiredService<KeyLookupDataSource>().Source.OpenConnectionAsync();
        await using var find = new NpgsqlCommand("SELECT name, parameter_types::text[] FROM pg_prepared_statements WHERE statement LIKE '%' || $1 || '%'", connection)
        {
            Parameters = { new() { Value = statementFragment } },
        };
        string name;
        string[] parameterTypes;
        await using (var reader = await find.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync(), $"the lookup '{statementFragment}' is not prepared on the lookup connection");
            name = reader.GetString(0);
            parameterTypes = reader.GetFieldValue<string[]>(1);
        }

        // Every lookup takes the project (text or text[]) first and the keys (text[]) second.
        var arguments = string.Join(", ", parameterTypes.Select((type, i) => (type, i) switch
        {
            ("text", _) => $"'{LanternApp.ProjectId}'",
            (_, 0) => $"'{{{LanternApp.ProjectId}}}'",
            _ => "'{not-stored}'",
        }));
        await using var explain = new NpgsqlCommand($"EXPLAIN EXECUTE {name}({arguments})", connection);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var scan = plan.FirstOrDefault(line => line.Contains($" on {table} ", StringComparison.Ordinal)) ?? "";
        Assert.False(scan.Contains("Seq Scan", StringComparison.Ordinal), string.Join('\n', plan));
        return scan.Split(" using ", 2) is [_, var rest] ? rest.Split(' ')[0] : "";
    }
}
