using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Privacy;

public sealed class KeyAccessTests
{
    private const string AdminKey = "admin-key-for-key-tests";
    private const string Marker = "MARKER-A-7f3c";
    private const string Cost = "0.0424242";
    private static readonly string[] Ids = ["a-trace", "a-obs", "a-score", "a-session", "a-user", "a-prompt", "a-dataset", "a-item", "a-run"];

    [Fact]
    public async Task No_public_endpoint_gives_another_projects_keys_any_of_this_projects_data_or_changes_it()
    {
        await using var app = await LanternApp.StartAsync();
        var owner = app.CreateClient().Authorized();
        await SeedAsync(owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/public/users/a-user")).StatusCode);
        var other = await SecondProject.CreateAsync(app);
        var requests = PublicEndpoints.Requests(app.Services, Ids);
        Assert.True(requests.Count > 60, $"only {requests.Count} requests enumerated");

        var leaks = new List<string>();
        foreach (var (method, path) in requests)
        {
            var response = await SendAsync(other, method, path);
            var body = await response.Content.ReadAsStringAsync();
            if (body.Contains(Marker, StringComparison.Ordinal) || body.Contains(Cost, StringComparison.Ordinal) ||
                (!path.Contains("/a-", StringComparison.Ordinal) && Ids.Any(id => body.Contains($"\"{id}\"", StringComparison.Ordinal))))
            {
                leaks.Add($"{method} {path} -> {(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}");
            }
        }

        Assert.Empty(leaks);
        // Nothing the other project's keys did (deletes, erasure, writes) touched this project.
        var trace = await owner.GetFromJsonAsync<JsonObject>("/api/public/traces/a-trace");
        Assert.Equal(Marker, (string)trace!["input"]!);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/public/users/a-user")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/public/v2/prompts/a-prompt?version=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/public/v2/datasets/a-dataset")).StatusCode);
    }

    [Fact]
    public async Task A_read_only_key_reads_everything_and_every_write_answers_403_with_a_clear_message()
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_ADMIN_API_KEY"] = AdminKey });
        var owner = app.CreateClient().Authorized();
        await SeedAsync(owner);
        var key = await CreateKeyAsync(app, new { scope = "read" });
        var reader = app.CreateClient().Authorized((string)key["publicKey"]!, (string)key["secretKey"]!);

        foreach (var (method, path) in PublicEndpoints.Requests(app.Services, Ids))
        {
            var response = await SendAsync(reader, method, path);
            if (method is "GET" or "HEAD")
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized), $"{method} {path}: {response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {response.StatusCode}");
                Assert.Contains("read-only", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(Marker, (string)(await reader.GetFromJsonAsync<JsonObject>("/api/public/traces/a-trace"))!["input"]!);
        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)key["publicKey"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await bearer.PostAsync(Event("score-create", new JsonObject { ["id"] = "s", ["traceId"] = "a-trace", ["name"] = "n", ["value"] = 1 }))).Response.StatusCode);
    }

    [Fact]
    public async Task Expired_keys_answer_401_and_revoked_keys_stop_working_at_once()
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_ADMIN_API_KEY"] = AdminKey });
        var expired = await CreateKeyAsync(app, new { expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var valid = await CreateKeyAsync(app, new { expiresAt = DateTimeOffset.UtcNow.AddDays(1) });
        var expiredClient = app.CreateClient().Authorized((string)expired["publicKey"]!, (string)expired["secretKey"]!);
        var validClient = app.CreateClient().Authorized((string)valid["publicKey"]!, (string)valid["secretKey"]!);

        Assert.Equal(HttpStatusCode.Unauthorized, (await expiredClient.GetAsync("/api/public/traces")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await validClient.GetAsync("/api/public/traces")).StatusCode);

        var admin = Admin(app);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/admin/projects/{LanternApp.ProjectId}/keys/{valid["publicKey"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await validClient.GetAsync("/api/public/traces")).StatusCode);
        var keys = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/projects/{LanternApp.ProjectId}/keys");
        Assert.Contains(keys!["data"]!.AsArray(), k => (string)k!["publicKey"]! == (string)expired["publicKey"]! && k["expiresAt"] is not null);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/admin/projects/{LanternApp.ProjectId}/keys", new { scope = "root" })).StatusCode);
    }

    [Fact]
    public async Task A_key_revoked_on_one_node_stops_working_on_another_at_once()
    {
        var settings = new Dictionary<string, string?> { ["LANTERN_ADMIN_API_KEY"] = AdminKey };
        await using var revoking = await LanternApp.StartAsync(settings);
        await using var other = new LanternApp(revoking.ConnectionString, settings);
        var key = await CreateKeyAsync(revoking, new { });
        var client = other.CreateClient().Authorized((string)key["publicKey"]!, (string)key["secretKey"]!);
        // The other node has looked the key up and holds it in its cache as valid (entries live 30 s).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/public/traces")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Admin(revoking).DeleteAsync($"/api/admin/projects/{LanternApp.ProjectId}/keys/{key["publicKey"]}")).StatusCode);

        // Well inside the cache lifetime: the change was announced by PostgreSQL, not waited out.
        await Eventually.TrueAsync(
            async () => (await client.GetAsync("/api/public/traces")).StatusCode == HttpStatusCode.Unauthorized,
            "the other node refuses the revoked key", TimeSpan.FromSeconds(10));
    }

    private static async Task SeedAsync(HttpClient owner)
    {
        var (response, body) = await owner.PostAsync(
            Event("trace-create", new JsonObject { ["id"] = "a-trace", ["userId"] = "a-user", ["sessionId"] = "a-session", ["input"] = Marker }),
            Event("generation-create", new JsonObject
            {
                ["id"] = "a-obs", ["traceId"] = "a-trace", ["model"] = "m", ["output"] = Marker, ["promptName"] = "a-prompt", ["promptVersion"] = 1,
                ["costDetails"] = new JsonObject { ["total"] = decimal.Parse(Cost, System.Globalization.CultureInfo.InvariantCulture) },
            }),
            Event("score-create", new JsonObject { ["id"] = "a-score", ["traceId"] = "a-trace", ["name"] = "q", ["value"] = 1, ["comment"] = Marker }));
        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.Empty(body!["errors"]!.AsArray());
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync("/api/public/v2/prompts", new { name = "a-prompt", prompt = Marker, type = "text" })).StatusCode);
        Assert.True((await owner.PostAsJsonAsync("/api/public/v2/datasets", new { name = "a-dataset", description = Marker })).IsSuccessStatusCode);
        Assert.True((await owner.PostAsJsonAsync("/api/public/dataset-items", new { id = "a-item", datasetName = "a-dataset", input = Marker })).IsSuccessStatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is not ("GET" or "HEAD" or "DELETE"))
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    private static async Task<JsonObject> CreateKeyAsync(LanternApp app, object body)
    {
        var response = await Admin(app).PostAsJsonAsync($"/api/admin/projects/{LanternApp.ProjectId}/keys", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static HttpClient Admin(LanternApp app)
    {
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return admin;
    }
}
