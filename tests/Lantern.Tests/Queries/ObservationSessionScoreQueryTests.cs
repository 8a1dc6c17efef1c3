using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Queries;

public sealed class ObservationSessionScoreQueryTests
{
    [Theory]
    [InlineData("/api/public/observations?type=GENERATION&limit=2", "t4-g,t3-g", 5)]
    [InlineData("/api/public/observations?traceId=t1", "t1-s,t1-g", 2)]
    [InlineData("/api/public/observations?level=ERROR", "t1-g", 1)]
    [InlineData("/api/public/observations?userId=bob&type=SPAN", "t4-s,t3-s", 2)]
    [InlineData("/api/public/observations?name=tool&fromStartTime=2026-11-01T12:00:00Z", "t4-s,t3-s,t2-s", 3)]
    [InlineData("/api/public/sessions", "s-b,s-a", 2)]
    [InlineData("/api/public/sessions?fromTimestamp=2026-11-01T13:00:00Z", "s-b", 1)]
    [InlineData("/api/public/scores?name=quality&limit=3", "t4-q,t3-q,t2-q", 5)]
    [InlineData("/api/public/v2/scores?operator=>%3D&value=0.5", "t4-q,t3-q,t2-q", 3)]
    [InlineData("/api/public/v2/scores?userId=bob", "t4-q,t3-q", 2)]
    [InlineData("/api/public/v2/scores?traceTags=vip", "t0-q", 1)]
    public async Task Lists_filter_and_report_totals(string url, string expected, int totalItems)
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await QuerySeed.IngestAsync(http);

        var page = await http.GetFromJsonAsync<JsonObject>(url, TestContext.Current.CancellationToken);

        Assert.Equal(expected, string.Join(',', page!["data"]!.AsArray().Select(t => (string)t!["id"]!)));
        Assert.Equal(totalItems, (int)page["meta"]!["totalItems"]!);
    }

    [Fact]
    public async Task A_session_comes_with_its_traces_and_an_unknown_one_is_404()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await QuerySeed.IngestAsync(http);
        var ct = TestContext.Current.CancellationToken;

        var session = await http.GetFromJsonAsync<JsonObject>("/api/public/sessions/s-a", ct);

        Assert.Equal("t0,t1,t2,t3", string.Join(',', session!["traces"]!.AsArray().Select(t => (string)t!["id"]!)));
        Assert.Equal(LangfuseBatch.T0, (DateTimeOffset)session["createdAt"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/public/sessions/nope", ct)).StatusCode);
    }

    [Fact]
    public async Task Scores_created_through_the_api_are_readable_and_invalid_ones_are_400()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await QuerySeed.IngestAsync(http);
        var ct = TestContext.Current.CancellationToken;

        var created = await http.PostAsJsonAsync("/api/public/scores", new { traceId = "t2", name = "helpful", value = 1, dataType = "BOOLEAN" }, ct);
        var invalid = await http.PostAsJsonAsync("/api/public/scores", new { traceId = "t2", value = 1 }, ct);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!;
        var score = await http.GetFromJsonAsync<JsonObject>($"/api/public/v2/scores/{id}", ct);
        Assert.Equal(("helpful", "BOOLEAN", 1.0, "t2"), ((string)score!["name"]!, (string)score["dataType"]!, (double)score["value"]!, (string)score["traceId"]!));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("name", (string)(await invalid.Content.ReadFromJsonAsync<JsonObject>(ct))!["error"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/public/v2/scores/nope", ct)).StatusCode);
    }

    [Fact]
    public async Task One_observation_is_readable_by_id()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await QuerySeed.IngestAsync(http);

        var observation = await http.GetFromJsonAsync<JsonObject>("/api/public/observations/t3-g", TestContext.Current.CancellationToken);

        Assert.Equal(("t3", "GENERATION", "m", 15), ((string)observation!["traceId"]!, (string)observation["type"]!, (string)observation["model"]!, (int)observation["totalTokens"]!));
    }

    [Fact]
    public async Task Deleting_a_score_removes_it_from_reads_and_from_the_user_rollup_and_only_in_its_own_project()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await QuerySeed.IngestAsync(http);
        await http.PostAsync(LangfuseBatch.Event("score-create", new JsonObject { ["id"] = "session-q", ["sessionId"] = "s-a", ["name"] = "csat", ["value"] = 4 }));
        var other = await SecondProject.CreateAsync(app);
        var ct = TestContext.Current.CancellationToken;

        var foreign = await other.DeleteAsync("/api/public/scores/t4-q", ct);
        var deleted = await http.DeleteAsync("/api/public/scores/t4-q", ct);
        var again = await http.DeleteAsync("/api/public/scores/t4-q", ct);
        var sessionScore = await http.DeleteAsync("/api/public/scores/session-q", ct);
        var bob = await http.GetFromJsonAsync<JsonObject>("/api/public/users/bob", ct);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sessionScore.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/public/v2/scores/t4-q", ct)).StatusCode);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM scores WHERE id IN ('t4-q', 'session-q')"));
        Assert.Equal(4L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM scores"));
        // Bob had t3 (0.75) and t4 (1.0): only t3's score is left in his rollup.
        Assert.Equal((0.75, 1L), ((double)bob!["scores"]!["quality"]!["average"]!, (long)bob["scores"]!["quality"]!["count"]!));
    }
}
