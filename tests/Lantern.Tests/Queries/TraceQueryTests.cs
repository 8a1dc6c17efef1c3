using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Queries;

public sealed class TraceQueryTests
{
    [Theory]
    [InlineData("", "t4,t3,t2,t1,t0")]
    [InlineData("?userId=alice", "t2,t1,t0")]
    [InlineData("?name=search", "t3,t1")]
    [InlineData("?sessionId=s-b", "t4")]
    [InlineData("?tags=vip", "t0")]
    [InlineData("?tags=vip&tags=beta", "t0")]
    [InlineData("?environment=staging", "t4")]
    [InlineData("?environment=staging&environment=production", "t4,t3,t2,t1,t0")]
    [InlineData("?fromTimestamp=2026-11-01T11:00:00Z&toTimestamp=2026-11-01T13:00:00Z", "t2,t1")]
    [InlineData("?orderBy=timestamp.asc", "t0,t1,t2,t3,t4")]
    [InlineData("?orderBy=userId.desc&limit=2", "t3,t4")]
    [InlineData("?limit=2&page=3", "t0")]
    public async Task Trace_lists_filter_order_and_page_like_langfuse(string query, string expected)
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await QuerySeed.IngestAsync(http);

        var page = await http.GetFromJsonAsync<JsonObject>($"/api/public/traces{query}", TestContext.Current.CancellationToken);

        Assert.Equal(expected, string.Join(',', page!["data"]!.AsArray().Select(t => (string)t!["id"]!)));
    }

    [Fact]
    public async Task Payloads_come_back_with_their_keys_in_the_order_sent()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        // Orders jsonb would have changed (it sorts keys, shortest first): chat parameters, then messages.
        var input = new JsonObject { ["temperature"] = 0.2, ["model"] = "m", ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }) };
        var output = new JsonObject { ["content"] = "hello", ["role"] = "assistant" };
        var (response, _) = await http.PostAsync(
            LangfuseBatch.Event("trace-create", new JsonObject { ["id"] = "ordered", ["input"] = input.DeepClone() }),
            LangfuseBatch.Event("generation-create", new JsonObject { ["id"] = "ordered-g", ["traceId"] = "ordered", ["output"] = output.DeepClone() }));
        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);

        var trace = await http.GetFromJsonAsync<JsonObject>("/api/public/traces/ordered", TestContext.Current.CancellationToken);

        Assert.Equal(input.ToJsonString(), trace!["input"]!.ToJsonString());
        Assert.Equal(output.ToJsonString(), trace["observations"]!.AsArray().Single()!["output"]!.ToJsonString());
    }

    [Fact]
    public async Task A_trace_list_reports_totals_costs_and_child_ids()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await QuerySeed.IngestAsync(http);

        var page = await http.GetFromJsonAsync<JsonObject>("/api/public/traces?limit=2&orderBy=timestamp.asc", TestContext.Current.CancellationToken);

        Assert.Equal((1, 2, 5, 3), ((int)page!["meta"]!["page"]!, (int)page["meta"]!["limit"]!, (int)page["meta"]!["totalItems"]!, (int)page["meta"]!["totalPages"]!));
        var first = page["data"]![0]!;
        Assert.Equal(0.03m, (decimal)first["totalCost"]!);
        Assert.Equal(2.0, (double)first["latency"]!);
        Assert.Equal(["t0-g", "t0-s"], first["observations"]!.AsArray().Select(o => (string)o!).Order());
        Assert.Equal(["t0-q"], first["scores"]!.AsArray().Select(o => (string)o!));
        Assert.Equal("/project/test-project/traces/t0", (string)first["htmlPath"]!);
    }

    [Fact]
    public async Task One_trace_comes_with_its_observations_and_scores_in_full_and_unknown_ones_are_404()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await QuerySeed.IngestAsync(http);

        var trace = await http.GetFromJsonAsync<JsonObject>("/api/public/traces/t1", TestContext.Current.CancellationToken);
        var missing = await http.GetAsync("/api/public/traces/nope", TestContext.Current.CancellationToken);

        Assert.Equal(("t1", "search", "alice"), ((string)trace!["id"]!, (string)trace["name"]!, (string)trace["userId"]!));
        var generation = trace["observations"]!.AsArray().Single(o => (string)o!["type"]! == "GENERATION")!;
        Assert.Equal((0.01m, 0.02m, 0.03m), ((decimal)generation["calculatedInputCost"]!, (decimal)generation["calculatedOutputCost"]!, (decimal)generation["calculatedTotalCost"]!));
        Assert.Equal((10, 5, 15), ((int)generation["usage"]!["input"]!, (int)generation["usage"]!["output"]!, (int)generation["usage"]!["total"]!));
        Assert.Equal(("ERROR", 2.0), ((string)generation["level"]!, (double)generation["latency"]!));
        Assert.Equal(0.25, (double)trace["scores"]![0]!["value"]!);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Trace nope not found within authorized project", (string)(await missing.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["message"]!);
    }

    [Theory]
    [InlineData("?page=0", "page")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?orderBy=cost.desc", "orderBy")]
    [InlineData("?fromTimestamp=yesterday", "fromTimestamp")]
    [InlineData("?fields=core,everything", "fields")]
    public async Task Bad_parameters_are_a_400_naming_the_parameter(string query, string parameter)
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();

        var response = await http.GetAsync($"/api/public/traces{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(parameter, (string)(await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["error"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_projects_key_sees_none_of_the_data()
    {
        await using var app = await LanternApp.StartAsync();
        await QuerySeed.IngestAsync(app.CreateClient().Authorized());
        var other = await SecondProject.CreateAsync(app);
        var ct = TestContext.Current.CancellationToken;

        Assert.Empty((await other.GetFromJsonAsync<JsonObject>("/api/public/traces", ct))!["data"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/public/traces/t1", ct)).StatusCode);
        Assert.Empty((await other.GetFromJsonAsync<JsonObject>("/api/public/observations", ct))!["data"]!.AsArray());
        Assert.Empty((await other.GetFromJsonAsync<JsonObject>("/api/public/sessions", ct))!["data"]!.AsArray());
        Assert.Empty((await other.GetFromJsonAsync<JsonObject>("/api/public/v2/scores", ct))!["data"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/public/observations/t1-g", ct)).StatusCode);
        Assert.Equal(SecondProject.Id, (string)(await other.GetFromJsonAsync<JsonObject>("/api/public/projects", ct))!["data"]![0]!["id"]!);
    }

    [Fact]
    public async Task Deleting_traces_removes_their_rows_and_their_rollup_contribution()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await QuerySeed.IngestAsync(http);
        var ct = TestContext.Current.CancellationToken;

        var one = await http.DeleteAsync("/api/public/traces/t0", ct);
        var many = await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/public/traces")
        {
            Content = JsonContent.Create(new { traceIds = new[] { "t1", "t2" } }),
        }, ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (one.StatusCode, many.StatusCode));
        Assert.Equal(["t3", "t4"], (await Sql.RowsAsync(app.ConnectionString, "SELECT id FROM traces ORDER BY id")).Select(r => (string)r["id"]!));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM observations WHERE trace_id IN ('t0','t1','t2')"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM scores WHERE trace_id IN ('t0','t1','t2')"));
        Assert.Equal(0.06m, await Sql.ScalarAsync<decimal>(app.ConnectionString, "SELECT sum(cost) FROM rollups WHERE scope = 'project'"));
        Assert.Equal(0m, await Sql.ScalarAsync<decimal>(app.ConnectionString, "SELECT coalesce(sum(traces), 0) FROM rollups WHERE scope = 'user' AND scope_key = 'alice'"));
    }
}
