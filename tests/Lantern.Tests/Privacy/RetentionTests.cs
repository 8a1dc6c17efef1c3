using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Silo.Privacy;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Privacy;

public sealed class RetentionTests
{
    private const string AdminKey = "admin-key-for-retention-tests";

    [Fact]
    public async Task A_retention_run_removes_traces_older_than_the_project_setting_keeps_recent_ones_and_keeps_rollups_consistent()
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_ADMIN_API_KEY"] = AdminKey });
        var http = app.CreateClient().Authorized();
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var now = DateTimeOffset.UtcNow;
        var events = new List<JsonObject>();
        for (var i = 0; i < 12; i++)
        {
            var old = i < 8;
            events.AddRange(Trace($"t-{i}", old ? now.AddDays(-40).AddMinutes(i) : now.AddDays(-1), old && i % 2 == 0 ? "u-old" : "u-mixed", $"s-{i % 3}"));
        }

        // An observation whose trace never arrived, and a session score without a trace, both old.
        events.Add(Event("span-create", new JsonObject { ["id"] = "orphan", ["traceId"] = "never-created", ["startTime"] = Iso(now.AddDays(-50)) }, now.AddDays(-50)));
        events.Add(Event("score-create", new JsonObject { ["id"] = "loose", ["sessionId"] = "s-0", ["name"] = "csat", ["value"] = 1, ["timestamp"] = Iso(now.AddDays(-45)) }, now.AddDays(-45)));
        Assert.Equal(HttpStatusCode.MultiStatus, (await http.PostAsync([.. events])).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/admin/projects/{LanternApp.ProjectId}/settings/retention", new { days = 30 })).StatusCode);

        var run = await (await admin.PostAsync("/api/admin/retention/run", null)).Content.ReadFromJsonAsync<JsonObject>();

        var deleted = run!["data"]![0]!["deleted"]!;
        Assert.Equal(8L, (long)deleted["traces"]!);
        Assert.Equal(17L, (long)deleted["observations"]!);
        Assert.Equal(9L, (long)deleted["scores"]!);
        Assert.Equal(["t-10", "t-11", "t-8", "t-9"], (await Sql.RowsAsync(app.ConnectionString, "SELECT id FROM traces ORDER BY id")).Select(r => (string)r["id"]!));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM observations WHERE start_time < $1", now.AddDays(-30)));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM scores WHERE timestamp < $1", now.AddDays(-30)));
        await RollupRecomputation.AssertConsistentAsync(app.ConnectionString);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/public/users/u-old")).StatusCode);
        await Eventually.TrueAsync(async () => (long)(await http.GetFromJsonAsync<JsonObject>("/api/public/users/u-mixed"))!["traces"]! == 4,
            "the user with old and recent traces keeps only the recent ones");
        Assert.Equal(1L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM audit_log WHERE action = 'retention.run' AND project_id = $1", LanternApp.ProjectId));
    }

    [Fact]
    public async Task The_default_retention_applies_in_bounded_batches_to_projects_without_their_own_setting()
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?>
        {
            ["LANTERN_RETENTION_DAYS"] = "30",
            ["LANTERN_RETENTION_BATCH_SIZE"] = "3",
            ["LANTERN_ADMIN_API_KEY"] = AdminKey,
        });
        var http = app.CreateClient().Authorized();
        var other = await SecondProject.CreateAsync(app);
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, 10).SelectMany(i => Trace($"t-{i}", now.AddDays(i < 8 ? -31 : -2), "u", "s")).ToArray();
        await http.PostAsync(events);
        await other.PostAsync(events);
        await admin.PutAsJsonAsync($"/api/admin/projects/{SecondProject.Id}/settings/retention", new { days = 100 });

        var runs = await app.Services.GetRequiredService<RetentionJob>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(8L, runs.Single(r => r.ProjectId == LanternApp.ProjectId).Deleted.Traces);
        Assert.DoesNotContain(runs, r => r.ProjectId == SecondProject.Id);
        Assert.Equal(2L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM traces WHERE project_id = $1", LanternApp.ProjectId));
        Assert.Equal(10L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM traces WHERE project_id = $1", SecondProject.Id));
        await RollupRecomputation.AssertConsistentAsync(app.ConnectionString);
        var setting = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/projects/{LanternApp.ProjectId}/settings/retention");
        Assert.Equal(30, (int)setting!["effectiveDays"]!);
    }

    [Fact]
    public async Task A_malformed_retention_setting_is_refused()
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_ADMIN_API_KEY"] = AdminKey });
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/admin/projects/{LanternApp.ProjectId}/settings/retention", new { days = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/admin/projects/{LanternApp.ProjectId}/settings/retention", new { days = "a week" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/admin/projects/nope/settings/retention", new { days = 3 })).StatusCode);
    }

    private static IEnumerable<JsonObject> Trace(string id, DateTimeOffset at, string userId, string sessionId)
    {
        yield return Event("trace-create", new JsonObject { ["id"] = id, ["userId"] = userId, ["sessionId"] = sessionId, ["timestamp"] = Iso(at) }, at);
        yield return Event("span-create", new JsonObject { ["id"] = $"{id}-span", ["traceId"] = id, ["startTime"] = Iso(at) }, at);
        yield return Event("generation-create", new JsonObject
        {
            ["id"] = $"{id}-gen", ["traceId"] = id, ["model"] = "gpt-4o", ["startTime"] = Iso(at),
            ["usageDetails"] = new JsonObject { ["input"] = 10, ["output"] = 5 }, ["costDetails"] = new JsonObject { ["total"] = 0.001 },
        }, at);
        yield return Event("score-create", new JsonObject { ["id"] = $"{id}-score", ["traceId"] = id, ["name"] = "q", ["value"] = 0.5 }, at);
    }
}
