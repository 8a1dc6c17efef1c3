using System.Net;
using Lantern.Silo.Projects;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Lantern.Tests.Infrastructure.LangfuseBatch;
using static Lantern.Tests.Rollups.RollupApi;

namespace Lantern.Tests.Rollups;

public sealed class ProjectIsolationTests
{
    [Fact]
    public async Task No_rollup_endpoint_shows_another_projects_data()
    {
        await using var app = await LanternApp.StartAsync();
        var store = app.Services.GetRequiredService<ProjectStore>();
        await store.UpsertProjectAsync("other-project", "Other", "test-org", "Test org", CancellationToken.None);
        await store.AddKeyAsync("other-project", "pk-lf-other", "sk-lf-other-secret", "full", CancellationToken.None);
        var mine = app.CreateClient().Authorized();
        var theirs = app.CreateClient().Authorized("pk-lf-other", "sk-lf-other-secret");
        var now = DateTimeOffset.UtcNow.AddMinutes(-10);
        Action<System.Text.Json.Nodes.JsonObject> prompt = g => (g["promptName"], g["promptVersion"]) = ("p", 1);
        await mine.IngestAsync(Trace("t1", now, "shared-user", "shared-session", cost: 1m, generation: prompt),
            Trace("t2", now, "only-mine", cost: 1m));
        await theirs.IngestAsync(Trace("t1", now, "shared-user", "shared-session", cost: 5m, generation: prompt));

        foreach (var (http, cost) in new[] { (mine, 1m), (theirs, 5m) })
        {
            var user = await http.GetWhenAsync("/api/public/users/shared-user", b => (long)b["traces"]! == 1);
            Assert.Equal(cost, Dec(user["totalCost"]));
            var session = await http.GetWhenAsync("/api/public/sessions/shared-session/summary", b => (long)b["traces"]! == 1);
            Assert.Equal(cost, Dec(session["totalCost"]));
            var prompts = await http.GetWhenAsync("/api/public/prompts/p/metrics", b => b["data"]!.AsArray().Count == 1);
            Assert.Equal(cost, Dec(prompts["data"]![0]!["totalCost"]));
            var (_, daily) = await http.GetJsonAsync("/api/public/metrics/daily");
            Assert.Equal(cost * (http == mine ? 2 : 1), Dec(daily["data"]![0]!["totalCost"]));
            var (_, usage) = await http.GetJsonAsync("/api/public/metrics/usage?window=1h&groupBy=user");
            Assert.Equal(cost, Dec(usage["data"]!.AsArray().Single(r => (string?)r!["key"] == "shared-user")!["totalCost"]));
        }

        var (_, theirUsers) = await theirs.GetJsonAsync("/api/public/users");
        Assert.Equal(["shared-user"], Strings(theirUsers["data"], "userId"));
        var (_, theirProject) = await theirs.GetJsonAsync("/api/public/metrics/usage?window=1h");
        Assert.Equal("other-project", (string?)theirProject["data"]![0]!["key"]);
        Assert.Equal(5m, Dec(theirProject["data"]![0]!["totalCost"]));
        await theirs.ExpectNotFoundAsync("/api/public/users/only-mine");
        Assert.Equal(HttpStatusCode.OK, (await mine.GetJsonAsync("/api/public/users/only-mine")).Status);
    }
}
