using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Prompts;

public sealed class PromptApiTests
{
    [Fact]
    public async Task A_created_version_is_201_and_fetchable_by_label_latest_and_version_but_not_production_until_labelled()
    {
        var (app, api) = await PromptApi.StartAsync();
        await using var _ = app;

        var (status, created) = await api.CreateAsync(new JsonObject
        {
            ["name"] = "movie-critic", ["prompt"] = "Review {{movie}}", ["config"] = new JsonObject { ["model"] = "gpt-4o" },
            ["tags"] = new JsonArray("film"), ["commitMessage"] = "first",
        });

        Assert.Equal(201, status);
        Assert.Equal((1, "text", "API", false), (created.GetProperty("version").GetInt32(), created.GetProperty("type").GetString(),
            created.GetProperty("createdBy").GetString(), created.GetProperty("isActive").GetBoolean()));
        Assert.Equal(["latest"], created.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        var (missing, error) = await api.GetAsync("movie-critic");
        Assert.Equal(404, missing);
        Assert.Equal(("Prompt not found: 'movie-critic' with label 'production'", "LangfuseNotFoundError"),
            (error.GetProperty("message").GetString(), error.GetProperty("error").GetString()));
        var (_, latest) = await api.GetAsync("movie-critic", "?label=latest");
        Assert.Equal(("Review {{movie}}", "gpt-4o", "first"), (latest.GetProperty("prompt").GetString(),
            latest.GetProperty("config").GetProperty("model").GetString(), latest.GetProperty("commitMessage").GetString()));
        Assert.Equal(["film"], latest.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(200, (await api.GetAsync("movie-critic", "?version=1")).Status);
        var (noVersion, versionError) = await api.GetAsync("movie-critic", "?version=7");
        Assert.Equal((404, "Prompt not found: 'movie-critic' with version 7"), (noVersion, versionError.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_label_lives_on_one_version_and_latest_follows_the_newest_version()
    {
        var (app, api) = await PromptApi.StartAsync();
        await using var _ = app;

        await api.CreateTextAsync("greeter", "v1", "production");
        await api.CreateTextAsync("greeter", "v2", "production", "staging");
        Assert.Equal(("v2", true), await Production(api));
        var (_, v1) = await api.GetAsync("greeter", "?version=1");
        Assert.Empty(v1.GetProperty("labels").EnumerateArray());

        var (status, patched) = await api.PatchLabelsAsync("greeter", 1, "production");
        Assert.Equal(200, status);
        Assert.Equal(["production"], patched.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(("v1", true), await Production(api));
        var (_, v2) = await api.GetAsync("greeter", "?label=latest");
        Assert.Equal(["latest", "staging"], v2.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Order());

        var (latestStatus, latestError) = await api.PatchLabelsAsync("greeter", 1, "latest");
        Assert.Equal((400, "Label 'latest' is always assigned to the latest prompt version"), (latestStatus, latestError.GetProperty("error").GetString()));
        Assert.Equal(404, (await api.PatchLabelsAsync("greeter", 9, "production")).Status);
    }

    [Fact]
    public async Task Fifty_parallel_creates_of_one_prompt_get_versions_1_to_50_exactly_once()
    {
        var (app, api) = await PromptApi.StartAsync();
        await using var _ = app;

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => api.CreateTextAsync("busy", $"text {i}")));

        Assert.All(results, r => Assert.Equal(201, r.Status));
        Assert.Equal(Enumerable.Range(1, 50), results.Select(r => r.Body.GetProperty("version").GetInt32()).Order());
        var stored = await Sql.RowsAsync(app.ConnectionString, "SELECT version FROM prompts WHERE name = 'busy' ORDER BY version");
        Assert.Equal(Enumerable.Range(1, 50), stored.Select(r => (int)r["version"]!));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM prompts WHERE 'latest' = ANY(labels)"));
    }

    [Theory]
    [InlineData("""{"prompt":"x"}""", "name: must not be empty")]
    [InlineData("""{"name":"a|b","prompt":"x"}""", "name: must not contain '|'")]
    [InlineData("""{"name":"new","prompt":"x"}""", "name: 'new' is reserved")]
    [InlineData("""{"name":"p","prompt":["x"]}""", "prompt: a text prompt must be a string")]
    [InlineData("""{"name":"p","type":"chat","prompt":"x"}""", "prompt: a chat prompt must be an array of messages")]
    [InlineData("""{"name":"p","type":"chat","prompt":[{"role":"user"}]}""", "prompt[0]: a message needs string fields role and content")]
    [InlineData("""{"name":"p","type":"chat","prompt":[{"type":"placeholder"}]}""", "prompt[0]: a placeholder needs a non-empty name")]
    [InlineData("""{"name":"p","type":"chat","prompt":[{"role":"user","content":"{{h}}"},{"type":"placeholder","name":"h"}]}""", "prompt: 'h' is used both as a variable and as a placeholder name")]
    [InlineData("""{"name":"p","prompt":"x","labels":["prod","prod"]}""", "labels: each label may appear only once")]
    [InlineData("""{"name":"p","prompt":"x","labels":["Prod"]}""", "labels: 'Prod' must be 1 to 36 characters of a-z, 0-9, '_', '-' or '.'")]
    [InlineData("""{"name":"p","prompt":"x","type":"image"}""", "type: expected 'text' or 'chat'")]
    [InlineData("""not json""", "body: not valid JSON")]
    public async Task Invalid_create_requests_are_400_with_the_reason_and_write_nothing(string body, string reason)
    {
        var (app, api) = await PromptApi.StartAsync();
        await using var _ = app;

        var response = await api.Http.PostAsync("/api/public/v2/prompts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(reason, LangfuseBatch.Json(await response.Content.ReadAsStringAsync()).GetProperty("error").GetString());
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM prompts"));
    }

    [Fact]
    public async Task A_version_of_another_type_version_and_label_together_and_bearer_keys_are_refused()
    {
        var (app, api) = await PromptApi.StartAsync();
        await using var _ = app;
        await api.CreateTextAsync("typed", "text");

        var (status, error) = await api.CreateAsync(new JsonObject { ["name"] = "typed", ["type"] = "chat", ["prompt"] = new JsonArray() });
        Assert.Equal((400, "Previous versions have type text, cannot create a chat prompt version"), (status, error.GetProperty("error").GetString()));
        Assert.Equal(400, (await api.GetAsync("typed", "?version=1&label=latest")).Status);

        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LanternApp.PublicKey);
        var forbidden = await bearer.GetAsync("/api/public/v2/prompts/typed");
        Assert.Equal(403, (int)forbidden.StatusCode);
        Assert.Equal("Access denied - need to use basic auth with secret key to GET prompts",
            LangfuseBatch.Json(await forbidden.Content.ReadAsStringAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Folder_names_round_trip_url_encoded_and_survive_a_restart_with_an_etag_to_revalidate()
    {
        var (app, api) = await PromptApi.StartAsync();
        await api.CreateTextAsync("team/support/triage", "Triage {{ticket}}", "production");
        await app.DisposeAsync();

        await using var restarted = new LanternApp(app.ConnectionString);
        var http = restarted.CreateClient().Authorized();
        var response = await http.GetAsync("/api/public/v2/prompts/team%2Fsupport%2Ftriage");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("team/support/triage", LangfuseBatch.Json(await response.Content.ReadAsStringAsync()).GetProperty("name").GetString());

        var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/public/v2/prompts/team%2Fsupport%2Ftriage");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(304, (int)(await http.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task The_list_filters_by_name_label_tag_and_pages_by_prompt_name()
    {
        var (app, api) = await PromptApi.StartAsync();
        await using var _ = app;
        await api.CreateAsync(new JsonObject { ["name"] = "a", ["prompt"] = "a1", ["tags"] = new JsonArray("x") });
        await api.CreateTextAsync("a", "a2", "production");
        await api.CreateTextAsync("b", "b1", "production");
        await api.CreateTextAsync("c", "c1");

        var (_, all) = await api.ListAsync("?limit=2");
        Assert.Equal(["a", "b"], all.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal((3, 2), (all.GetProperty("meta").GetProperty("totalItems").GetInt32(), all.GetProperty("meta").GetProperty("totalPages").GetInt32()));
        var a = all.GetProperty("data")[0];
        Assert.Equal([1, 2], a.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(["latest", "production"], a.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["x"], a.GetProperty("tags").EnumerateArray().Select(l => l.GetString()));

        var (_, production) = await api.ListAsync("?label=production");
        Assert.Equal(["a", "b"], production.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal([2], production.GetProperty("data")[0].GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));
        var (_, tagged) = await api.ListAsync("?tag=x");
        Assert.Equal(["a"], tagged.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var (_, named) = await api.ListAsync("?name=c");
        Assert.Equal(1, named.GetProperty("meta").GetProperty("totalItems").GetInt32());
        Assert.Equal(400, (await api.ListAsync("?fromUpdatedAt=yesterday")).Status);
    }

    [Fact]
    public async Task Deleting_by_version_label_or_name_removes_those_versions_and_latest_moves_to_the_newest_left()
    {
        var (app, api) = await PromptApi.StartAsync();
        await using var _ = app;
        await api.CreateTextAsync("d", "v1", "production");
        await api.CreateTextAsync("d", "v2", "staging");
        await api.CreateTextAsync("d", "v3");

        Assert.Equal(204, await api.DeleteAsync("d", "?version=3"));
        var (_, latest) = await api.GetAsync("d", "?label=latest");
        Assert.Equal(2, latest.GetProperty("version").GetInt32());
        Assert.Equal(204, await api.DeleteAsync("d", "?label=production"));
        Assert.Equal(404, (await api.GetAsync("d")).Status);
        Assert.Equal(404, await api.DeleteAsync("d", "?label=production"));
        Assert.Equal(204, await api.DeleteAsync("d"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM prompts"));
        Assert.Equal(404, await api.DeleteAsync("d"));
    }

    private static async Task<(string?, bool)> Production(PromptApi api)
    {
        var (_, body) = await api.GetAsync("greeter");
        return (body.GetProperty("prompt").GetString(), body.GetProperty("isActive").GetBoolean());
    }
}
