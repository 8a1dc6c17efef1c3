using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.ScoreConfigs;

public sealed class ScoreConfigTests
{
    [Fact]
    public async Task Configs_are_created_listed_read_and_archived_within_their_project_only()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        var other = await SecondProject.CreateAsync(app);
        var ct = TestContext.Current.CancellationToken;

        var accuracy = await CreateAsync(http, """{"name":"accuracy","dataType":"NUMERIC","minValue":0,"maxValue":1,"description":"0..1"}""");
        var helpful = await CreateAsync(http, """{"name":"helpful","dataType":"BOOLEAN"}""");
        await CreateAsync(http, """{"name":"tone","dataType":"CATEGORICAL","categories":[{"value":0,"label":"rude"},{"value":1,"label":"polite"}]}""");
        var list = await http.GetFromJsonAsync<JsonObject>("/api/public/score-configs?limit=2", ct);
        var archived = await PatchAsync(http, (string)accuracy["id"]!, """{"isArchived":true}""");
        var foreign = await other.GetAsync($"/api/public/score-configs/{accuracy["id"]}", ct);

        Assert.Equal((0.0, 1.0, "0..1"), ((double)accuracy["minValue"]!, (double)accuracy["maxValue"]!, (string)accuracy["description"]!));
        Assert.Equal(["False", "True"], helpful["categories"]!.AsArray().Select(c => (string)c!["label"]!));
        Assert.Equal(["tone", "helpful"], list!["data"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.Equal((3, 2), ((int)list["meta"]!["totalItems"]!, (int)list["meta"]!["totalPages"]!));
        Assert.True((bool)archived["isArchived"]!);
        Assert.Equal("accuracy", (string)archived["name"]!);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/public/score-configs/nope", ct)).StatusCode);
    }

    [Theory]
    [InlineData("""{"dataType":"NUMERIC"}""", "name")]
    [InlineData("""{"name":"x","dataType":"STARS"}""", "dataType")]
    [InlineData("""{"name":"x","dataType":"NUMERIC","minValue":2,"maxValue":1}""", "minValue")]
    [InlineData("""{"name":"x","dataType":"CATEGORICAL"}""", "categories")]
    [InlineData("""{"name":"x","dataType":"CATEGORICAL","categories":[{"value":1,"label":"a"},{"value":1,"label":"b"}]}""", "distinct")]
    [InlineData("""{"name":"x","dataType":"TEXT","maxValue":3}""", "range")]
    [InlineData("""{"name":"x","dataType":"NUMERIC","minValue":"low"}""", "minValue")]
    [InlineData("""[1]""", "body")]
    public async Task Invalid_configs_are_400_naming_what_is_wrong(string body, string mentions)
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();

        var response = await http.PostAsync("/api/public/score-configs", Json(body), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mentions, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM score_configs"));
    }

    [Fact]
    public async Task Scores_naming_a_config_must_match_it_and_categorical_labels_are_stored_with_their_number()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        var accuracy = (string)(await CreateAsync(http, """{"name":"accuracy","dataType":"NUMERIC","minValue":0,"maxValue":1}"""))["id"]!;
        var tone = (string)(await CreateAsync(http, """{"name":"tone","dataType":"CATEGORICAL","categories":[{"value":0,"label":"rude"},{"value":1,"label":"polite"}]}"""))["id"]!;
        var old = (string)(await CreateAsync(http, """{"name":"old","dataType":"NUMERIC"}"""))["id"]!;
        await PatchAsync(http, old, """{"isArchived":true}""");

        var (response, body) = await http.PostAsync(
            Event("trace-create", new JsonObject { ["id"] = "t" }),
            Score("ok", "accuracy", 0.9, accuracy),
            Score("too-high", "accuracy", 1.5, accuracy),
            Score("polite", "tone", "polite", tone),
            Score("by-number", "tone", 0, tone),
            Score("unknown-label", "tone", "sarcastic", tone),
            Score("wrong-name", "quality", 0.5, accuracy),
            Score("no-config", "accuracy", 0.5, "missing"),
            Score("archived", "old", 1, old));

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var errors = body!["errors"]!.AsArray().ToDictionary(e => (string)e!["id"]!, e => (string)e!["error"]!);
        Assert.Equal(["archived", "no-config", "too-high", "unknown-label", "wrong-name"], errors.Keys.Order());
        Assert.Contains("outside [0, 1]", errors["too-high"], StringComparison.Ordinal);
        Assert.Contains("'rude' (0), 'polite' (1)", errors["unknown-label"], StringComparison.Ordinal);
        Assert.Contains("must be 'accuracy'", errors["wrong-name"], StringComparison.Ordinal);
        Assert.Contains("no score config 'missing'", errors["no-config"], StringComparison.Ordinal);
        Assert.Contains("archived", errors["archived"], StringComparison.Ordinal);
        var stored = (await Sql.RowsAsync(app.ConnectionString, "SELECT id, value, string_value, data_type, config_id FROM scores"))
            .ToDictionary(r => (string)r["id"]!);
        Assert.Equal(["by-number", "ok", "polite"], stored.Keys.Order());
        Assert.Equal((1.0, "polite", "CATEGORICAL", tone), ((double)stored["polite"]["value"]!, (string)stored["polite"]["string_value"]!, (string)stored["polite"]["data_type"]!, (string)stored["polite"]["config_id"]!));
        Assert.Equal((0.0, "rude"), ((double)stored["by-number"]["value"]!, (string)stored["by-number"]["string_value"]!));
        Assert.Equal(("NUMERIC", 0.9), ((string)stored["ok"]["data_type"]!, (double)stored["ok"]["value"]!));
    }

    private static JsonObject Score(string id, string name, JsonNode value, string configId) =>
        Event("score-create", new JsonObject { ["id"] = id, ["traceId"] = "t", ["name"] = name, ["value"] = value, ["configId"] = configId }, eventId: id);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonObject> CreateAsync(HttpClient http, string body) => await SendAsync(http, HttpMethod.Post, "/api/public/score-configs", body);

    private static async Task<JsonObject> PatchAsync(HttpClient http, string id, string body) => await SendAsync(http, HttpMethod.Patch, $"/api/public/score-configs/{id}", body);

    private static async Task<JsonObject> SendAsync(HttpClient http, HttpMethod method, string url, string body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = Json(body) };
        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }
}
