using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using Lantern.Tests.Rollups;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Ingestion;

/// <summary>
/// A trace grain does not read PostgreSQL before its first write unless its trace left memory recently: it takes the trace
/// for new and its commit checks that nothing is stored. A node that never saw a stored trace (restarted, or another
/// silo's partition) must still merge late events with the stored rows, count the trace once in every rollup, and commit
/// the traces that shared the failed commit.
/// </summary>
public sealed class StoredTraceTakenForNewTests
{
    [Fact]
    public async Task A_restarted_node_merges_a_stored_traces_late_events_with_its_rows_and_commits_the_new_traces_beside_it()
    {
        var database = await StoredByAnotherNodeAsync(
            Event("trace-create", new JsonObject { ["id"] = "stored", ["name"] = "first-half", ["userId"] = "u", ["sessionId"] = "s" }),
            Generation("g-stored", "stored", T0));

        await using var second = new LanternApp(database);
        var http = second.CreateClient().Authorized();
        // One request, so that the stored trace's write and the new traces' go into the same commit when they can.
        await AcceptAsync(http,
            Event("trace-create", new JsonObject { ["id"] = "stored", ["output"] = "second-half" }),
            Event("score-create", new JsonObject { ["id"] = "sc-stored", ["traceId"] = "stored", ["name"] = "quality", ["value"] = 0.5 }),
            Event("trace-create", new JsonObject { ["id"] = "new-1", ["userId"] = "u", ["sessionId"] = "s" }),
            Generation("g-new-1", "new-1", T0),
            Event("trace-create", new JsonObject { ["id"] = "new-2", ["userId"] = "u" }));

        var stored = (await http.GetFromJsonAsync<JsonObject>("/api/public/traces/stored", TestContext.Current.CancellationToken))!;
        Assert.Equal(["first-half", "second-half", "u", "s"],
            [(string?)stored["name"] ?? "", (string?)stored["output"] ?? "", (string?)stored["userId"] ?? "", (string?)stored["sessionId"] ?? ""]);
        Assert.Equal(["g-stored"], stored["observations"]!.AsArray().Select(o => (string)o!["id"]!));
        Assert.Equal(["sc-stored"], stored["scores"]!.AsArray().Select(s => (string)s!["id"]!));
        Assert.Equal(3L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM traces"));
        await RollupRecomputation.AssertConsistentAsync(database);
        var user = await http.GetWhenAsync("/api/public/users/u", b => (long)b["traces"]! == 3);
        Assert.Equal(2L, (long)user["observations"]!);
        Assert.Equal(1, await TakenForNewAsync(http));
    }

    [Fact]
    public async Task A_late_score_for_a_finished_trace_reads_it_first_instead_of_failing_a_commit()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        // Output and ended observations: the grain leaves memory once the call returns.
        await AcceptAsync(http,
            Event("trace-create", new JsonObject { ["id"] = "finished", ["userId"] = "u", ["output"] = "done" }),
            Generation("g-finished", "finished", T0));

        await AcceptAsync(http, Event("score-create", new JsonObject { ["id"] = "late", ["traceId"] = "finished", ["name"] = "quality", ["value"] = 1 }));

        Assert.Equal(["late"], [.. (await Sql.RowsAsync(app.ConnectionString, "SELECT id FROM scores WHERE trace_id = 'finished'")).Select(r => (string)r["id"]!)]);
        await RollupRecomputation.AssertConsistentAsync(app.ConnectionString);
        Assert.Equal(0, await TakenForNewAsync(http));
    }

    [Fact]
    public async Task A_node_deleting_a_trace_it_never_read_deletes_the_stored_rows_and_their_rollups()
    {
        var database = await StoredByAnotherNodeAsync(
            Event("trace-create", new JsonObject { ["id"] = "stored", ["userId"] = "u" }), Generation("g-stored", "stored", T0),
            Event("trace-create", new JsonObject { ["id"] = "kept", ["userId"] = "u" }));

        await using var second = new LanternApp(database);
        var http = second.CreateClient().Authorized();
        var response = await http.DeleteAsync("/api/public/traces/stored", TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await Eventually.TrueAsync(async () => await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM observations") == 0, "the stored generation is deleted");
        Assert.Equal(["kept"], [.. (await Sql.RowsAsync(database, "SELECT id FROM traces")).Select(r => (string)r["id"]!)]);
        await RollupRecomputation.AssertConsistentAsync(database, afterTraceDeletion: true);
    }

    [Fact]
    public async Task A_rewrite_ignored_by_a_write_sent_back_to_its_grain_is_counted_once()
    {
        var database = await StoredByAnotherNodeAsync(Event("trace-create", new JsonObject { ["id"] = "stored", ["output"] = "first" }));

        await using var second = new LanternApp(database);
        var http = second.CreateClient().Authorized();
        // Merged first as a new trace ("third" ignored against "second"), then again onto the stored row (both ignored
        // against "first"): two attempts to rewrite the output were accepted, and two are counted.
        await AcceptAsync(http,
            Event("trace-create", new JsonObject { ["id"] = "stored", ["output"] = "second" }),
            Event("trace-create", new JsonObject { ["id"] = "stored", ["output"] = "third" }, T0.AddSeconds(1)));

        var stored = (await http.GetFromJsonAsync<JsonObject>("/api/public/traces/stored", TestContext.Current.CancellationToken))!;
        Assert.Equal("first", (string?)stored["output"]);
        Assert.Equal(1, await TakenForNewAsync(http));
        Assert.Equal(2, await CounterAsync(http,
            $"lantern_ingestion_payload_rewrites_ignored_total{{field=\"output\",kind=\"trace\",project=\"{LanternApp.ProjectId}\"}} "));
    }

    /// <summary>Stores the events through a node that then stops, as before a restart; returns its database.</summary>
    private static async Task<string> StoredByAnotherNodeAsync(params JsonObject[] events)
    {
        await using var first = await LanternApp.StartAsync();
        await AcceptAsync(first.CreateClient().Authorized(), events);
        return first.ConnectionString;
    }

    private static JsonObject Generation(string id, string traceId, DateTimeOffset start) => Event("generation-create", new JsonObject
    {
        ["id"] = id, ["traceId"] = traceId, ["model"] = "gpt-4o", ["startTime"] = Iso(start), ["endTime"] = Iso(start.AddSeconds(1)),
        ["usageDetails"] = new JsonObject { ["input"] = 100, ["output"] = 20 },
    });

    /// <summary>Writes sent back to their grains because the trace they took for new was stored (0 before the first).</summary>
    private static Task<long> TakenForNewAsync(HttpClient http) => CounterAsync(http, "lantern_storage_stored_traces_taken_for_new_total ");

    /// <summary>A counter's value from /metrics, 0 before its first count; <paramref name="series"/> ends with the space.</summary>
    private static async Task<long> CounterAsync(HttpClient http, string series)
    {
        var metrics = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(series, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[series.Length..], CultureInfo.InvariantCulture);
    }

    private static async Task AcceptAsync(HttpClient http, params JsonObject[] events)
    {
        var (response, body) = await http.PostAsync(events);
        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.Empty(body!["errors"]!.AsArray());
    }
}
