using System.Net;
using System.Text.Json.Nodes;
using Lantern.Contracts.Traces;
using Lantern.Silo.Runtime;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Ingestion;

public sealed class IngestionTests
{
    [Fact]
    public async Task A_batch_like_the_sdk_sends_is_acknowledged_per_event_and_stored_field_by_field()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        var log = Event("sdk-log", new JsonObject { ["log"] = "debug" });
        var batch = new[]
        {
            Event("trace-create", new JsonObject
            {
                ["id"] = "t1", ["name"] = "chat", ["userId"] = "u1", ["sessionId"] = "s1", ["tags"] = new JsonArray("b", "a"),
                ["metadata"] = new JsonObject { ["tier"] = "pro" }, ["input"] = new JsonObject { ["q"] = "hi" },
                ["release"] = "r1", ["version"] = "v1", ["environment"] = "Production",
            }),
            Event("span-create", new JsonObject { ["id"] = "sp1", ["traceId"] = "t1", ["name"] = "retrieve", ["startTime"] = Iso(T0.AddSeconds(1)) }),
            Event("span-update", new JsonObject { ["id"] = "sp1", ["traceId"] = "t1", ["endTime"] = Iso(T0.AddSeconds(2)) }, T0.AddSeconds(2)),
            Event("generation-create", new JsonObject
            {
                ["id"] = "g1", ["traceId"] = "t1", ["parentObservationId"] = "sp1", ["name"] = "llm", ["model"] = "my-model",
                ["startTime"] = Iso(T0.AddSeconds(2)), ["promptName"] = "support", ["promptVersion"] = 3,
                ["modelParameters"] = new JsonObject { ["temperature"] = 0.2 },
            }),
            Event("generation-update", new JsonObject
            {
                ["id"] = "g1", ["traceId"] = "t1", ["endTime"] = Iso(T0.AddSeconds(5)), ["completionStartTime"] = Iso(T0.AddSeconds(3)),
                ["output"] = new JsonObject { ["role"] = "assistant", ["content"] = "hello" },
                ["usageDetails"] = new JsonObject { ["input"] = 10, ["output"] = 20 },
                ["costDetails"] = new JsonObject { ["input"] = 0.001, ["output"] = 0.002 },
            }, T0.AddSeconds(5)),
            Event("event-create", new JsonObject { ["id"] = "e1", ["traceId"] = "t1", ["name"] = "clicked", ["level"] = "WARNING" }),
            Event("score-create", new JsonObject { ["id"] = "sc1", ["traceId"] = "t1", ["name"] = "quality", ["value"] = 0.9 }),
            Event("score-create", new JsonObject { ["id"] = "sc2", ["sessionId"] = "s1", ["name"] = "csat", ["value"] = "good" }),
            log,
        };

        var (response, body) = await http.PostAsync(batch);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.True(body!["errors"]!.AsArray().Count == 0, body.ToJsonString());
        Assert.Equal(batch.Take(8).Select(e => (string)e["id"]!).Order(), Ids(body, "successes").Order());
        Assert.DoesNotContain((string)log["id"]!, Ids(body, "successes"));

        var trace = Assert.Single(await Sql.RowsAsync(app.ConnectionString, "SELECT * FROM traces"));
        Assert.Equal(("chat", "u1", "s1", "production", "r1", "v1"),
            ((string)trace["name"]!, (string)trace["user_id"]!, (string)trace["session_id"]!, (string)trace["environment"]!, (string)trace["release"]!, (string)trace["version"]!));
        Assert.Equal(["a", "b"], (string[])trace["tags"]!);
        Assert.Equal(0.003m, (decimal)trace["total_cost"]!);
        Assert.Equal(3, (int)trace["observation_count"]!);
        Assert.Equal("pro", Json((string)trace["metadata"]!).GetProperty("tier").GetString());

        var generation = Assert.Single(await Sql.RowsAsync(app.ConnectionString, "SELECT * FROM observations WHERE id = 'g1'"));
        Assert.Equal(("GENERATION", "t1", "sp1", "my-model", "support", 3),
            ((string)generation["type"]!, (string)generation["trace_id"]!, (string)generation["parent_observation_id"]!,
             (string)generation["model"]!, (string)generation["prompt_name"]!, (int)generation["prompt_version"]!));
        Assert.Equal(T0.AddSeconds(3).UtcDateTime, (DateTime)generation["completion_start_time"]!);
        Assert.Equal("hello", Json((string)generation["output"]!).GetProperty("content").GetString());
        Assert.Equal(30, Json((string)generation["usage_details"]!).GetProperty("total").GetInt64());
        Assert.Equal(0.003m, (decimal)generation["total_cost"]!);
        Assert.Equal(T0.AddSeconds(2).UtcDateTime,
            await Sql.ScalarAsync<DateTime>(app.ConnectionString, "SELECT end_time FROM observations WHERE id = 'sp1'"));
        Assert.Equal("WARNING", await Sql.ScalarAsync<string>(app.ConnectionString, "SELECT level FROM observations WHERE id = 'e1'"));

        var scores = await Sql.RowsAsync(app.ConnectionString, "SELECT id, trace_id, session_id, data_type, value, string_value FROM scores ORDER BY id");
        Assert.Equal(("sc1", "t1", "NUMERIC", 0.9), ((string)scores[0]["id"]!, (string)scores[0]["trace_id"]!, (string)scores[0]["data_type"]!, (double)scores[0]["value"]!));
        Assert.Equal(("sc2", "s1", "CATEGORICAL", "good"),
            ((string)scores[1]["id"]!, (string)scores[1]["session_id"]!, (string)scores[1]["data_type"]!, (string)scores[1]["string_value"]!));
        Assert.Null(scores[1]["trace_id"]);
    }

    [Fact]
    public async Task Resends_and_updates_before_creates_never_duplicate_or_double_count()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        var update = Event("generation-update", new JsonObject
        {
            ["id"] = "g1", ["traceId"] = "t1", ["output"] = "answer", ["costDetails"] = new JsonObject { ["total"] = 0.5 },
            ["usageDetails"] = new JsonObject { ["input"] = 100, ["output"] = 50 },
        }, T0.AddSeconds(4));
        var create = Event("generation-create", new JsonObject
        {
            ["id"] = "g1", ["traceId"] = "t1", ["model"] = "m", ["output"] = "draft", ["startTime"] = Iso(T0.AddSeconds(1)),
        }, T0.AddSeconds(1));
        var trace = Event("trace-create", new JsonObject { ["id"] = "t1", ["userId"] = "u1", ["sessionId"] = "s1", ["name"] = "first" });
        var rename = Event("trace-create", new JsonObject { ["id"] = "t1", ["name"] = "second" }, T0.AddSeconds(9));

        foreach (var batch in new JsonObject[][] { [update], [create, rename], [trace], [update, create, trace, rename], [rename, trace] })
        {
            var (response, body) = await http.PostAsync(batch);
            Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
            Assert.Empty(body!["errors"]!.AsArray());
        }

        var generation = Assert.Single(await Sql.RowsAsync(app.ConnectionString, "SELECT model, output, total_cost FROM observations"));
        Assert.Equal(("m", "\"answer\"", 0.5m), ((string)generation["model"]!, (string)generation["output"]!, (decimal)generation["total_cost"]!));
        var stored = Assert.Single(await Sql.RowsAsync(app.ConnectionString, "SELECT name, user_id, total_cost FROM traces"));
        Assert.Equal(("second", "u1", 0.5m), ((string)stored["name"]!, (string)stored["user_id"]!, (decimal)stored["total_cost"]!));
        foreach (var scope in new[] { "project", "user", "session" })
        {
            Assert.Equal(0.5m, await Sql.ScalarAsync<decimal>(app.ConnectionString, "SELECT sum(cost) FROM rollups WHERE scope = $1", scope));
            Assert.Equal(1L, await Sql.ScalarAsync<decimal>(app.ConnectionString, "SELECT sum(traces) FROM rollups WHERE scope = $1", scope));
            Assert.Equal(150L, await Sql.ScalarAsync<decimal>(app.ConnectionString, "SELECT sum(total_tokens) FROM rollups WHERE scope = $1", scope));
        }
    }

    [Fact]
    public async Task Rows_stored_behind_their_grains_back_are_merged_not_refused()
    {
        // A grain writes the rows it believes new with COPY. Here both beliefs are wrong: t2's row is written by someone
        // else after its grain loaded (as an earlier owner of its partition could), and g1 belongs to another trace.
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await http.PostAsync(Event("generation-create", new JsonObject { ["id"] = "g1", ["traceId"] = "t1", ["model"] = "m" }));
        await http.PostAsync(Event("span-create", new JsonObject { ["id"] = "sp2", ["traceId"] = "t2" }));
        await Sql.ScalarAsync<int>(app.ConnectionString,
            "INSERT INTO traces (project_id, id, timestamp, name, fields) VALUES ($1, 't2', now(), 'elsewhere', '{}') RETURNING 1", LanternApp.ProjectId);

        var (response, body) = await http.PostAsync(
            Event("trace-create", new JsonObject { ["id"] = "t2", ["name"] = "chat", ["userId"] = "u2" }),
            Event("generation-create", new JsonObject { ["id"] = "g1", ["traceId"] = "t2", ["model"] = "m" }));

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.Empty(body!["errors"]!.AsArray());
        Assert.Equal("chat", await Sql.ScalarAsync<string>(app.ConnectionString, "SELECT name FROM traces WHERE id = 't2'"));
        var generation = Assert.Single(await Sql.RowsAsync(app.ConnectionString, "SELECT trace_id FROM observations WHERE id = 'g1'"));
        Assert.Equal("t2", (string)generation["trace_id"]!);
        Assert.Equal(1L, await Sql.ScalarAsync<decimal>(app.ConnectionString, "SELECT sum(traces) FROM rollups WHERE scope = 'user' AND scope_key = 'u2'"));
    }

    [Fact]
    public async Task A_finished_trace_leaves_memory_after_its_commit_and_a_later_event_still_merges()
    {
        // Finished: the trace has its output and its generation has ended. Unfinished: no output yet.
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        var runtime = app.Services.GetRequiredService<GrainRuntime>();
        await http.PostAsync(
            Event("trace-create", new JsonObject { ["id"] = "done", ["userId"] = "u1", ["output"] = "answer" }),
            Event("generation-create", new JsonObject
            {
                ["id"] = "g1", ["traceId"] = "done", ["model"] = "m", ["endTime"] = Iso(T0.AddSeconds(1)),
                ["costDetails"] = new JsonObject { ["total"] = 0.5 },
            }),
            Event("trace-create", new JsonObject { ["id"] = "open", ["userId"] = "u1" }));

        Assert.False(runtime.IsActive<ITraceGrain>($"{LanternApp.ProjectId}/done"));
        Assert.True(runtime.IsActive<ITraceGrain>($"{LanternApp.ProjectId}/open"));

        var (response, body) = await http.PostAsync(
            Event("span-create", new JsonObject { ["id"] = "late", ["traceId"] = "done", ["name"] = "afterwards" }),
            Event("trace-create", new JsonObject { ["id"] = "done", ["name"] = "renamed" }, T0.AddSeconds(5)));

        Assert.Empty(body!["errors"]!.AsArray());
        var trace = Assert.Single(await Sql.RowsAsync(app.ConnectionString, "SELECT name, output, observation_count, total_cost FROM traces WHERE id = 'done'"));
        Assert.Equal(("renamed", "\"answer\"", 2, 0.5m),
            ((string)trace["name"]!, (string)trace["output"]!, (int)trace["observation_count"]!, (decimal)trace["total_cost"]!));
        Assert.Equal(2L, await Sql.ScalarAsync<decimal>(app.ConnectionString, "SELECT sum(traces) FROM rollups WHERE scope = 'user'"));
        Assert.Equal(0.5m, await Sql.ScalarAsync<decimal>(app.ConnectionString, "SELECT sum(cost) FROM rollups WHERE scope = 'user'"));
    }

    [Fact]
    public async Task Observations_without_a_trace_id_join_their_existing_trace_or_one_stable_orphan()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();

        await http.PostAsync(Event("span-create", new JsonObject { ["id"] = "s1", ["traceId"] = "t1" }));
        await http.PostAsync(Event("span-update", new JsonObject { ["id"] = "s1", ["output"] = "done" }, T0.AddSeconds(1)));
        var orphan = Event("event-create", new JsonObject { ["id"] = "lonely" });
        await http.PostAsync(orphan);
        await http.PostAsync(orphan);

        var rows = await Sql.RowsAsync(app.ConnectionString, "SELECT id, trace_id, output FROM observations ORDER BY id");
        Assert.Equal(2, rows.Count);
        Assert.Equal(("t1", "\"done\""), ((string)rows[1]["trace_id"]!, (string)rows[1]["output"]!));
        Assert.True(Guid.TryParse((string)rows[0]["trace_id"]!, out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(300)] // about 600 KB unzipped: the body buffer has to grow several times
    public async Task Gzip_bodies_are_accepted(int traces)
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        var events = Enumerable.Range(0, traces)
            .Select(i => (JsonNode)Event("trace-create", new JsonObject { ["id"] = $"zipped-{i}", ["input"] = $"{i} {new string('x', 2000)}" }));
        var json = new JsonObject { ["batch"] = new JsonArray([.. events]) }.ToJsonString();
        using var compressed = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(System.Text.Encoding.UTF8.GetBytes(json));
        }

        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        var response = await http.PostAsync("/api/public/ingestion", content);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.Equal(traces, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM traces WHERE id LIKE 'zipped-%'"));
        Assert.Equal($"\"{traces - 1} {new string('x', 2000)}\"", await Sql.ScalarAsync<string>(app.ConnectionString,
            $"SELECT input::text FROM traces WHERE id = 'zipped-{traces - 1}'"));
    }
}
