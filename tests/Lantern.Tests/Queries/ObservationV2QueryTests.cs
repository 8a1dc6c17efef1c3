using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Queries;

public sealed class ObservationV2QueryTests
{
    [Fact]
    public async Task Cursor_pages_walk_every_observation_once_newest_first_with_core_and_basic_fields_by_default()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await QuerySeed.IngestAsync(http);

        var ids = new List<string>();
        var pages = 0;
        string? cursor = null;
        JsonObject? first = null;
        do
        {
            var page = await GetAsync(http, "/api/public/v2/observations?limit=3" + (cursor is null ? "" : $"&cursor={cursor}"));
            first ??= page["data"]![0]!.AsObject();
            ids.AddRange(page["data"]!.AsArray().Select(o => (string)o!["id"]!));
            cursor = (string?)page["meta"]!["cursor"];
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(["t4-s", "t4-g", "t3-s", "t3-g", "t2-s", "t2-g", "t1-s", "t1-g", "t0-s", "t0-g"], ids);
        Assert.Equal(4, pages);
        Assert.Equal(("bob", "s-b", true, "tool"), ((string)first!["userId"]!, (string)first["sessionId"]!, (bool)first["isRootObservation"]!, (string)first["name"]!));
        Assert.False(first.ContainsKey("input"));
        Assert.False(first.ContainsKey("totalCost"));
    }

    [Fact]
    public async Task Field_groups_and_the_session_and_root_filters_select_what_is_returned()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await QuerySeed.IngestAsync(http);
        await http.PostAsync(Event("span-create", new JsonObject
        {
            ["id"] = "t4-child", ["traceId"] = "t4", ["parentObservationId"] = "t4-s", ["startTime"] = Iso(T0.AddHours(5)), ["input"] = new JsonObject { ["q"] = 1 },
            ["metadata"] = new JsonObject { ["short"] = "x", ["long"] = new string('a', 300), ["kept"] = new string('b', 300) },
        }));

        var session = await GetAsync(http, "/api/public/v2/observations?sessionId=s-b&isRootObservation=true&fields=core,usage,trace_context");
        var child = await GetAsync(http, "/api/public/v2/observations?isRootObservation=false&fields=io,metadata&expandMetadata=kept");

        Assert.Equal(["t4-s", "t4-g"], session["data"]!.AsArray().Select(o => (string)o!["id"]!));
        var generation = session["data"]![1]!;
        Assert.Equal(0.03m, (decimal)generation["totalCost"]!);
        Assert.Equal(["beta"], generation["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("r1", (string)generation["release"]!);
        Assert.False(generation.AsObject().ContainsKey("name"));
        var observation = Assert.Single(child["data"]!.AsArray())!;
        Assert.Equal(1, (int)JsonNode.Parse((string)observation["input"]!)!["q"]!);
        Assert.Equal("x", (string)observation["metadata"]!["short"]!);
        Assert.Equal(203, ((string)observation["metadata"]!["long"]!).Length);
        Assert.Equal(300, ((string)observation["metadata"]!["kept"]!).Length);
        Assert.Null(child["meta"]!["cursor"]);
    }

    [Theory]
    [InlineData("fields=core,nope", "fields: 'nope'")]
    [InlineData("cursor=%21%21%21", "cursor")]
    [InlineData("limit=1001", "limit")]
    [InlineData("parseIoAsJson=true", "parseIoAsJson")]
    [InlineData("isRootObservation=maybe", "isRootObservation")]
    [InlineData("level=LOUD", "level")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string parameters, string expected)
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();

        var response = await http.GetAsync($"/api/public/v2/observations?{parameters}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_projects_observations_are_never_listed()
    {
        await using var app = await LanternApp.StartAsync();
        await QuerySeed.IngestAsync(app.CreateClient().Authorized());
        var other = await SecondProject.CreateAsync(app);

        var page = await GetAsync(other, "/api/public/v2/observations?traceId=t1");

        Assert.Empty(page["data"]!.AsArray());
    }

    private static async Task<JsonObject> GetAsync(HttpClient http, string url) =>
        (await http.GetFromJsonAsync<JsonObject>(url, TestContext.Current.CancellationToken))!;
}
