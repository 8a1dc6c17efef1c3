using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Admin;

public sealed class AdminApiTests
{
    private const string AdminKey = "admin-key-0123456789";

    [Fact]
    public async Task An_operator_creates_a_project_whose_keys_work_until_revoked()
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_ADMIN_API_KEY"] = AdminKey });
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var ct = TestContext.Current.CancellationToken;

        var created = await admin.PostAsJsonAsync("/api/admin/projects", new { id = "acme", name = "Acme" }, ct);
        var project = await created.Content.ReadFromJsonAsync<JsonObject>(ct);
        var (publicKey, secretKey) = ((string)project!["publicKey"]!, (string)project["secretKey"]!);
        var client = app.CreateClient().Authorized(publicKey, secretKey);
        var (ingested, _) = await client.PostAsync(Event("trace-create", new JsonObject { ["id"] = "acme-trace" }));
        var keys = await admin.GetFromJsonAsync<JsonObject>("/api/admin/projects/acme/keys", ct);
        var revoked = await admin.DeleteAsync($"/api/admin/projects/acme/keys/{publicKey}", ct);
        var (afterRevoke, _) = await client.PostAsync(Event("trace-create", new JsonObject { ["id"] = "late" }));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("pk-lf-", publicKey, StringComparison.Ordinal);
        Assert.StartsWith("sk-lf-", secretKey, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MultiStatus, ingested.StatusCode);
        Assert.Equal("acme", await Sql.ScalarAsync<string>(app.ConnectionString, "SELECT project_id FROM traces WHERE id = 'acme-trace'"));
        var listed = Assert.Single(keys!["data"]!.AsArray())!;
        Assert.Equal(publicKey, (string)listed["publicKey"]!);
        Assert.DoesNotContain(secretKey, keys.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM api_keys WHERE secret_hash LIKE '%' || $1 || '%'", secretKey));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task The_admin_api_is_off_without_a_key_and_refuses_a_wrong_one()
    {
        await using var off = await LanternApp.StartAsync();
        await using var on = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_ADMIN_API_KEY"] = AdminKey });
        var wrong = on.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "guess");
        var ct = TestContext.Current.CancellationToken;

        var disabled = await off.CreateClient().PostAsJsonAsync("/api/admin/projects", new { name = "x" }, ct);
        var refused = await wrong.PostAsJsonAsync("/api/admin/projects", new { name = "x" }, ct);

        Assert.Equal(HttpStatusCode.Forbidden, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(on.ConnectionString, "SELECT count(*) FROM projects"));
    }
}
