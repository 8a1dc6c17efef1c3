using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Grains.Rollups;
using Lantern.Silo.Runtime;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Alerts;

public sealed class UserSpendWatchTests
{
    [Fact]
    public async Task A_budget_is_judged_across_a_users_traces_without_a_grain_of_the_user_in_memory()
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_USER_BUDGET_USD"] = "0.03" });
        var http = app.CreateClient().Authorized();
        var ct = TestContext.Current.CancellationToken;

        foreach (var n in new[] { 1, 2 })
        {
            await http.PostAsync(
                Event("trace-create", new JsonObject { ["id"] = $"t-{n}", ["userId"] = "steady" }),
                Event("generation-create", new JsonObject { ["id"] = $"g-{n}", ["traceId"] = $"t-{n}", ["costDetails"] = new JsonObject { ["total"] = 0.02m } }));
            Assert.Null(app.Services.GetRequiredService<GrainRuntime>().GetGrainIfActive<IUserGrain>($"{LanternApp.ProjectId}/steady"));
        }

        var alert = await SingleAlertAsync(http, ct);
        Assert.Equal(("steady", "budget", 0.04m), ((string)alert["userId"]!, (string)alert["reason"]!, (decimal)alert["windowCostUsd"]!));
    }

    [Fact]
    public async Task A_change_delivered_twice_is_counted_once()
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_USER_BUDGET_USD"] = "0.03" });
        var http = app.CreateClient().Authorized();
        var watch = app.Services.GetRequiredService<UserSpendWatch>();
        var grainKey = $"{LanternApp.ProjectId}/redelivered";

        watch.Observe(grainKey, [Change("redelivered", version: 1, cost: 0.02m)]);
        watch.Observe(grainKey, [Change("redelivered", version: 1, cost: 0.02m)]);
        watch.Observe(grainKey, [Change("redelivered", version: 2, cost: 0.02m)]);

        var alert = await SingleAlertAsync(http, TestContext.Current.CancellationToken);
        Assert.Equal(("redelivered", 0.04m), ((string)alert["userId"]!, (decimal)alert["windowCostUsd"]!));
    }

    [Fact]
    public async Task Past_the_bound_the_users_whose_cost_arrived_longest_ago_are_dropped_and_an_erased_user_too()
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?>
        {
            ["LANTERN_USER_SPEND_WATCH_MAX"] = "10", ["LANTERN_USER_BUDGET_USD"] = "0.03",
        });
        var http = app.CreateClient().Authorized();
        var watch = app.Services.GetRequiredService<UserSpendWatch>();

        for (var n = 0; n < 25; n++)
        {
            watch.Observe($"{LanternApp.ProjectId}/user-{n}", [Change($"user-{n}", version: 1, cost: 0.02m)]);
            Assert.InRange(watch.Count, 1, 10);
        }

        // A second $0.02 takes a user still watched over the budget; the first user's window was dropped and starts again.
        watch.Observe($"{LanternApp.ProjectId}/user-0", [Change("user-0", version: 2, cost: 0.02m)]);
        watch.Observe($"{LanternApp.ProjectId}/user-24", [Change("user-24", version: 2, cost: 0.02m)]);
        var alert = await SingleAlertAsync(http, TestContext.Current.CancellationToken);
        Assert.Equal(("user-24", 0.04m), ((string)alert["userId"]!, (decimal)alert["windowCostUsd"]!));

        var before = watch.Count;
        watch.Forget(LanternApp.ProjectId, "user-24");
        Assert.Equal(before - 1, watch.Count);
    }

    [Fact]
    public async Task Users_watched_and_forgotten_from_many_threads_at_once_are_counted_once_each()
    {
        await using var app = await LanternApp.StartAsync();
        var watch = app.Services.GetRequiredService<UserSpendWatch>();
        var before = watch.Count;

        // Eight threads meet on the same 500 users: each user's first cost is seen by several at once.
        Parallel.For(0, 8_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
            watch.Observe($"{LanternApp.ProjectId}/racing-{n % 500}", [Change($"racing-{n % 500}", version: n, cost: 0.001m)]));
        Assert.Equal(before + 500, watch.Count);

        Parallel.For(0, 1_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n => watch.Forget(LanternApp.ProjectId, $"racing-{n % 500}"));
        Assert.Equal(before, watch.Count);
    }

    private static RollupChange Change(string user, long version, decimal cost) => new(
        new RollupKey(LanternApp.ProjectId, RollupScope.User, user, 0, RollupKey.BucketOf(DateTimeOffset.UtcNow), "gpt-4o"),
        new RollupValues { Cost = cost },
        version);

    private static async Task<JsonNode> SingleAlertAsync(HttpClient http, CancellationToken ct)
    {
        JsonArray alerts = [];
        await Eventually.TrueAsync(async () =>
        {
            alerts = (await http.GetFromJsonAsync<JsonObject>("/api/public/alerts/users", ct))!["data"]!.AsArray();
            return alerts.Count > 0;
        }, "the user over budget is listed");
        return Assert.Single(alerts)!;
    }
}
