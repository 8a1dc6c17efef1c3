using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Ingestion;

/// <summary>
/// JSON may carry U+0000 (<c>\u0000</c>), which PostgreSQL's text and jsonb cannot hold: LLM output and tool results do
/// contain it. One such event must neither fail the group commit it shares with other traces nor be refused.
/// </summary>
public sealed class NulCharacterTests
{
    [Fact]
    public async Task A_nul_character_is_stored_as_the_replacement_character_and_fails_no_other_trace()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();

        var (response, body) = await http.PostAsync(
            Event("trace-create", new JsonObject
            {
                ["id"] = "t-nul", ["name"] = "a\u0000b", ["input"] = new JsonObject { ["text"] = "x\u0000y" },
                ["metadata"] = new JsonObject { ["k\u0000"] = "v\u0000" }, ["tags"] = new JsonArray("t\u0000"),
            }),
            Event("generation-create", new JsonObject { ["id"] = "g-nul", ["traceId"] = "t-nul", ["output"] = "\u0000", ["model"] = "m\u0000" }),
            Event("trace-create", new JsonObject { ["id"] = "t-ok", ["name"] = "fine", ["input"] = @"a literal \u0000 stays as typed" }));

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.True(body!["errors"]!.AsArray().Count == 0, body.ToJsonString());
        var trace = (await http.GetFromJsonAsync<JsonObject>("/api/public/traces/t-nul"))!;
        Assert.Equal("a\uFFFDb", (string)trace["name"]!);
        Assert.Equal("x\uFFFDy", (string)trace["input"]!["text"]!);
        Assert.Equal("v\uFFFD", (string)trace["metadata"]!["k\uFFFD"]!);
        Assert.Equal(["t\uFFFD"], trace["tags"]!.AsArray().Select(t => (string)t!));
        var generation = Assert.Single(trace["observations"]!.AsArray());
        Assert.Equal(("\uFFFD", "m\uFFFD"), ((string)generation!["output"]!, (string)generation["model"]!));
        var untouched = (await http.GetFromJsonAsync<JsonObject>("/api/public/traces/t-ok"))!;
        Assert.Equal(@"a literal \u0000 stays as typed", (string)untouched["input"]!);
    }
}
