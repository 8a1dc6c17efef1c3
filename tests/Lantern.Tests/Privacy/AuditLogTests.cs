using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using Npgsql;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Privacy;

public sealed class AuditLogTests
{
    private const string AdminKey = "admin-key-for-audit-tests";

    [Fact]
    public async Task Admin_actions_and_deletions_are_recorded_and_read_newest_first_page_by_page()
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_ADMIN_API_KEY"] = AdminKey });
        var admin = Admin(app);
        var created = await (await admin.PostAsJsonAsync("/api/admin/projects", new { name = "Audited", id = "audited" })).Content.ReadFromJsonAsync<JsonObject>();
        var key = await (await admin.PostAsJsonAsync("/api/admin/projects/audited/keys", new { note = "ci" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/admin/projects/audited/keys/{key!["publicKey"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/projects/audited/settings/pii", new { mode = "redact" })).StatusCode);
        var http = app.CreateClient().Authorized((string)created!["publicKey"]!, (string)created["secretKey"]!);
        await http.PostAsync(Event("trace-create", new JsonObject { ["id"] = "t1", ["userId"] = "u1" }));
        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync("/api/public/traces/t1")).StatusCode);

        var all = await admin.GetFromJsonAsync<JsonObject>("/api/admin/audit?projectId=audited");
        Assert.Equal(
            ["traces.deleted", "pii_policy.changed", "key.revoked", "key.created", "key.created", "project.created"],
            all!["data"]!.AsArray().Select(e => (string)e!["action"]!));
        Assert.Equal(6, (int)all["meta"]!["totalItems"]!);
        var deletion = all["data"]![0]!;
        Assert.Equal(($"key:{created["publicKey"]}", "t1"), ((string)deletion["actor"]!, (string)deletion["target"]!));
        Assert.DoesNotContain((string)created["secretKey"]!, all.ToJsonString(), StringComparison.Ordinal);

        var second = await admin.GetFromJsonAsync<JsonObject>("/api/admin/audit?projectId=audited&page=2&limit=4");
        Assert.Equal(["key.created", "project.created"], second!["data"]!.AsArray().Select(e => (string)e!["action"]!));
        Assert.Equal(2, (int)second["meta"]!["totalPages"]!);
        var revocations = await admin.GetFromJsonAsync<JsonObject>("/api/admin/audit?action=key.revoked");
        Assert.Equal((string)key["publicKey"]!, (string)revocations!["data"]![0]!["target"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().Authorized().GetAsync("/api/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/audit?limit=0")).StatusCode);
    }

    [Theory]
    [InlineData("UPDATE audit_log SET actor = 'someone else'")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("TRUNCATE audit_log")]
    public async Task The_audit_table_refuses_updates_and_deletes_even_from_its_owner(string sql)
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_ADMIN_API_KEY"] = AdminKey });
        await Admin(app).PostAsJsonAsync("/api/admin/projects", new { name = "Audited" });

        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<object>(app.ConnectionString, sql));

        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        Assert.Equal(2L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM audit_log"));
    }

    private static HttpClient Admin(LanternApp app)
    {
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return admin;
    }
}
