using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Pii;

/// <summary>An operator who turns masking on through one node must not have another node go on storing raw personal data.</summary>
public sealed class PiiPolicyAcrossNodesTests
{
    private const string AdminKey = "admin-key-0123456789";
    private const string Email = "jane.roe@example.org";

    [Fact]
    public async Task A_policy_set_on_one_node_applies_on_another_at_once()
    {
        var settings = new Dictionary<string, string?> { ["LANTERN_ADMIN_API_KEY"] = AdminKey };
        await using var configuring = await LanternApp.StartAsync(settings);
        await using var ingesting = new LanternApp(configuring.ConnectionString, settings);
        var client = ingesting.CreateClient().Authorized();
        // The ingesting node has read the project's policy (none: masking off) and caches it (entries live 30 s).
        await IngestAsync(client, "before");
        Assert.Contains(Email, await StoredInputAsync(configuring, "before"), StringComparison.Ordinal);

        var admin = configuring.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var set = await admin.PutAsJsonAsync($"/api/admin/projects/{LanternApp.ProjectId}/settings/pii", new { mode = "redact" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        // Well inside the cache lifetime: the change was announced by PostgreSQL, not waited out.
        var attempt = 0;
        await Eventually.TrueAsync(async () =>
        {
            var id = $"after-{attempt++}";
            await IngestAsync(client, id);
            var stored = await StoredInputAsync(configuring, id);
            return !stored.Contains(Email, StringComparison.Ordinal) && stored.Contains("[EMAIL]", StringComparison.Ordinal);
        }, "the other node masks the email", TimeSpan.FromSeconds(10));
    }

    private static async Task IngestAsync(HttpClient client, string traceId)
    {
        var (response, body) = await client.PostAsync(Event("trace-create", new JsonObject { ["id"] = traceId, ["input"] = $"write to {Email}" }));
        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.Empty(body!["errors"]!.AsArray());
    }

    private static async Task<string> StoredInputAsync(LanternApp app, string traceId) =>
        await Sql.ScalarAsync<string>(app.ConnectionString, "SELECT input::text FROM traces WHERE id = $1", traceId) ?? "";
}
