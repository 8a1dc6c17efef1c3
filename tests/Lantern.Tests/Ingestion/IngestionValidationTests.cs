using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Ingestion;

public sealed class IngestionValidationTests
{
    [Theory]
    [InlineData("{not json", "Malformed JSON")]
    [InlineData("[]", "batch: expected an array")]
    [InlineData("{\"batch\": {}}", "batch: expected an array")]
    public async Task A_malformed_request_is_a_400_that_says_what_is_wrong(string body, string error)
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();

        var response = await http.PostAsync("/api/public/ingestion", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Invalid request data", (string)json["message"]!);
        Assert.Contains(error, (string)json["errors"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_invalid_event_gets_its_own_400_and_the_valid_ones_are_still_stored()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        var valid = Event("trace-create", new JsonObject { ["id"] = "good" });
        var invalid = new Dictionary<string, (JsonObject Event, string Error)>
        {
            ["unknown type"] = (Event("banana-create", new JsonObject { ["id"] = "x" }), "type: expected one of"),
            ["bad timestamp"] = (Event("trace-create", new JsonObject { ["id"] = "x" }).Also(e => e["timestamp"] = "2024-05-01 10:00"), "timestamp"),
            ["missing timestamp"] = (Event("trace-create", new JsonObject { ["id"] = "x" }).Also(e => e.Remove("timestamp")), "timestamp"),
            ["wrong type"] = (Event("trace-create", new JsonObject { ["id"] = "x", ["userId"] = 42 }), "userId: expected a string"),
            ["bad tags"] = (Event("trace-create", new JsonObject { ["id"] = "x", ["tags"] = "a" }), "tags: expected an array of strings"),
            ["observation without id"] = (Event("span-create", new JsonObject { ["traceId"] = "x" }), "id: required"),
            ["bad level"] = (Event("span-create", new JsonObject { ["id"] = "x", ["level"] = "LOUD" }), "level: expected one of"),
            ["bad start"] = (Event("span-create", new JsonObject { ["id"] = "x", ["startTime"] = "yesterday" }), "startTime"),
            ["half prompt"] = (Event("generation-create", new JsonObject { ["id"] = "x", ["promptName"] = "p" }), "promptName and promptVersion"),
            ["negative cost"] = (Event("generation-create", new JsonObject { ["id"] = "x", ["costDetails"] = new JsonObject { ["input"] = -1 } }), "costDetails"),
            ["nameless score"] = (Event("score-create", new JsonObject { ["id"] = "x", ["traceId"] = "t", ["value"] = 1 }), "name: required"),
            ["targetless score"] = (Event("score-create", new JsonObject { ["id"] = "x", ["name"] = "n", ["value"] = 1 }), "exactly one target"),
            ["boolean score of 2"] = (Event("score-create", new JsonObject { ["id"] = "x", ["traceId"] = "t", ["name"] = "n", ["value"] = 2, ["dataType"] = "BOOLEAN" }), "BOOLEAN"),
            ["internal type"] = (Event("dataset-run-item-create", new JsonObject { ["id"] = "x" }), "type: expected one of"),
            ["body not an object"] = (Event("trace-create", new JsonObject()).Also(e => e["body"] = "x"), "body: expected an object"),
        };

        var (response, body) = await http.PostAsync([valid, .. invalid.Values.Select(v => v.Event)]);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.Equal([(string)valid["id"]!], Ids(body, "successes"));
        var errors = body!["errors"]!.AsArray().ToDictionary(e => (string)e!["id"]!);
        foreach (var (name, (@event, error)) in invalid)
        {
            var item = errors[(string)@event["id"]!]!;
            Assert.True(400 == (int)item["status"]!, name);
            Assert.Equal("Invalid request data", (string)item["message"]!);
            Assert.True(((string)item["error"]!).Contains(error, StringComparison.Ordinal), $"{name}: {item["error"]}");
        }

        Assert.Equal(["good"], (await Sql.RowsAsync(app.ConnectionString, "SELECT id FROM traces")).Select(r => (string)r["id"]!));
    }

    [Fact]
    public async Task Lengths_count_characters_and_times_may_carry_an_offset()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        // 800 characters of two UTF-8 bytes each: within the limit, though their JSON is longer than 800 bytes.
        var wide = new string('é', 800);
        var accepted = new[]
        {
            Event("trace-create", new JsonObject { ["id"] = wide, ["timestamp"] = "2024-05-01T12:00:00.000+02:00" }),
            Event("trace-create", new JsonObject { ["id"] = "zulu", ["timestamp"] = "2024-05-01T10:00:00Z" }),
        };
        var refused = new[]
        {
            (Event("trace-create", new JsonObject { ["id"] = new string('x', 801) }), "id: must be at most 800 characters"),
            (Event("trace-create", new JsonObject { ["id"] = "local", ["timestamp"] = "2024-05-01T10:00:00" }), "timestamp: expected an ISO-8601 datetime"),
            (Event("trace-create", new JsonObject { ["id"] = "feb30", ["timestamp"] = "2024-02-30T10:00:00Z" }), "timestamp: expected an ISO-8601 datetime"),
        };

        var (response, body) = await http.PostAsync([.. accepted, .. refused.Select(r => r.Item1)]);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.Equal(accepted.Select(e => (string)e["id"]!).Order(), Ids(body, "successes").Order());
        var errors = body!["errors"]!.AsArray().ToDictionary(e => (string)e!["id"]!, e => (string)e!["error"]!);
        foreach (var (@event, error) in refused)
        {
            Assert.Contains(error, errors[(string)@event["id"]!], StringComparison.Ordinal);
        }

        var stored = await Sql.RowsAsync(app.ConnectionString, "SELECT id, timestamp FROM traces ORDER BY id");
        Assert.Equal(["zulu", wide], stored.Select(r => (string)r["id"]!).Order(StringComparer.Ordinal));
        Assert.Contains(stored, r => (string)r["id"]! == wide && ((DateTime)r["timestamp"]!).ToUniversalTime() == new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Events_without_an_envelope_id_are_reported_as_unknown()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();

        var (_, body) = await http.PostAsync(Event("trace-create", new JsonObject { ["id"] = "t" }).Also(e => e.Remove("id")));

        var error = Assert.Single(body!["errors"]!.AsArray());
        Assert.Equal(("unknown", 400), ((string)error!["id"]!, (int)error["status"]!));
    }

    [Fact]
    public async Task Traces_and_scores_without_a_body_id_are_acknowledged_but_not_stored_as_in_langfuse()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();

        var (_, body) = await http.PostAsync(
            Event("trace-create", new JsonObject { ["name"] = "anonymous" }),
            Event("score-create", new JsonObject { ["name"] = "n", ["value"] = 1, ["traceId"] = "t" }));

        Assert.Equal(2, body!["successes"]!.AsArray().Count);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT (SELECT count(*) FROM traces) + (SELECT count(*) FROM scores)"));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413()
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_MAX_REQUEST_BYTES"] = "2048" });
        var http = app.CreateClient().Authorized();

        var (response, _) = await http.PostAsync(Event("trace-create", new JsonObject { ["id"] = "big", ["input"] = new string('x', 4096) }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM traces"));
    }
}
