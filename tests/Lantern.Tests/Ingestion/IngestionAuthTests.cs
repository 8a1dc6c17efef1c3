using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Ingestion;

public sealed class IngestionAuthTests
{
    [Theory]
    [InlineData(null, "No authorization header")]
    [InlineData("Basic cGstbGYtdGVzdC1wdWJsaWM6c2stbGYtd3Jvbmc=", "Invalid credentials. Confirm that you've configured the correct host.")]
    [InlineData("Basic cGstbGYtdGVzdC1wdWJsaWM6cGstbGYtdGVzdC1wdWJsaWM=", "Invalid credentials. Confirm that you've configured the correct host.")]
    [InlineData("Basic cGstbGYtbm9ib2R5OnNrLWxmLXRlc3Qtc2VjcmV0", "Invalid credentials. Confirm that you've configured the correct host.")]
    [InlineData("Basic !!!", "Invalid authorization header")]
    [InlineData("Bearer pk-lf-nobody", "Invalid public key. Confirm that you've configured the correct host.")]
    public async Task Bad_credentials_are_a_401_with_langfuses_message(string? authorization, string message)
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient();
        if (authorization is not null)
        {
            http.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        var (response, body) = await http.PostAsync(Event("trace-create", new JsonObject { ["id"] = "t" }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(message, (string)body!["message"]!);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM traces"));
    }

    [Fact]
    public async Task A_public_key_alone_may_only_create_scores()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LanternApp.PublicKey);
        var trace = Event("trace-create", new JsonObject { ["id"] = "t" });
        var score = Event("score-create", new JsonObject { ["id"] = "s", ["traceId"] = "t", ["name"] = "thumbs", ["value"] = 1 });

        var (response, body) = await http.PostAsync(trace, score);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.Equal([(string)score["id"]!], Ids(body, "successes"));
        var error = Assert.Single(body!["errors"]!.AsArray())!;
        Assert.Equal(((string)trace["id"]!, 401, "Authentication error", "Access Scope Denied"),
            ((string)error["id"]!, (int)error["status"]!, (string)error["message"]!, (string)error["error"]!));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM scores"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM traces"));
    }

    [Fact]
    public async Task Another_projects_keys_write_to_that_project_only_and_mixed_pairs_are_refused()
    {
        await using var app = await LanternApp.StartAsync();
        var other = await SecondProject.CreateAsync(app);
        var mixed = app.CreateClient().Authorized(LanternApp.PublicKey, SecondProject.SecretKey);

        var (stored, _) = await other.PostAsync(Event("trace-create", new JsonObject { ["id"] = "theirs" }));
        var (refused, _) = await mixed.PostAsync(Event("trace-create", new JsonObject { ["id"] = "mixed" }));

        Assert.Equal((HttpStatusCode.MultiStatus, HttpStatusCode.Unauthorized), (stored.StatusCode, refused.StatusCode));
        var rows = await Sql.RowsAsync(app.ConnectionString, "SELECT project_id, id FROM traces");
        Assert.Equal((SecondProject.Id, "theirs"), ((string)Assert.Single(rows)["project_id"]!, (string)rows[0]["id"]!));
    }
}
