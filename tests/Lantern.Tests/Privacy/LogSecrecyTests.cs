using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using Lantern.Tests.Metrics;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Privacy;

public sealed class LogSecrecyTests
{
    private const string AdminKey = "admin-canary-5b1e0c7d9f";
    private const string Payload = "payload-canary-3f9d2a";
    private const string WrongSecret = "sk-lf-wrong-canary-77aa";

    [Fact]
    public async Task The_logs_of_a_run_that_ingested_known_secrets_contain_no_secret_key_and_no_payload()
    {
        await using var node = await RunningNode.StartAsync(new Dictionary<string, string>
        {
            ["LANTERN_ADMIN_API_KEY"] = AdminKey,
            ["Logging__LogLevel__Default"] = "Debug",
        });
        var http = new HttpClient { BaseAddress = node.Http.BaseAddress }.Authorized();
        var (response, _) = await http.PostAsync(
            Event("trace-create", new JsonObject { ["id"] = "t1", ["input"] = Payload, ["metadata"] = new JsonObject { ["note"] = Payload } }),
            Event("generation-create", new JsonObject { ["id"] = "g1", ["traceId"] = "t1", ["output"] = Payload }),
            Event("span-create", new JsonObject { ["id"] = "bad", ["traceId"] = 42, ["input"] = Payload }));
        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/public/traces/t1")).StatusCode);
        var wrong = new HttpClient { BaseAddress = node.Http.BaseAddress }.Authorized(LanternApp.PublicKey, WrongSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/public/traces")).StatusCode);
        var admin = new HttpClient { BaseAddress = node.Http.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var key = await (await admin.PostAsJsonAsync($"/api/admin/projects/{LanternApp.ProjectId}/keys", new { })).Content.ReadFromJsonAsync<JsonObject>();
        var created = (string)key!["secretKey"]!;
        var malformed = await http.PostAsync("/api/public/ingestion", new StringContent("{\"batch\": [" + Payload, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LanternApp.PublicKey}:{LanternApp.SecretKey}"));
        await Eventually.TrueAsync(() => node.Output.Contains("Request finished", StringComparison.Ordinal), "the node logged its requests");
        // Without LANTERN_ENCRYPTION_KEY the node says, at start, that payloads are stored in plaintext.
        Assert.Contains("Running without LANTERN_ENCRYPTION_KEY: payloads (input, output, metadata) are stored in plaintext", node.Output, StringComparison.Ordinal);
        foreach (var secret in new[] { LanternApp.SecretKey, WrongSecret, created, AdminKey, Payload, basic })
        {
            Assert.DoesNotContain(secret, node.Output, StringComparison.Ordinal);
        }
    }
}
