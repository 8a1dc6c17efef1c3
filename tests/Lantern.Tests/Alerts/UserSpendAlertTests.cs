using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Alerts;

public sealed class UserSpendAlertTests
{
    [Fact]
    public async Task A_user_over_budget_is_listed_with_why_and_counted_for_prometheus()
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { ["LANTERN_USER_BUDGET_USD"] = "0.01" });
        var http = app.CreateClient().Authorized();
        var ct = TestContext.Current.CancellationToken;

        foreach (var (user, cost) in new[] { ("big-spender", 0.02m), ("frugal", 0.005m) })
        {
            await http.PostAsync(
                Event("trace-create", new JsonObject { ["id"] = $"t-{user}", ["userId"] = user }),
                Event("generation-create", new JsonObject { ["id"] = $"g-{user}", ["traceId"] = $"t-{user}", ["costDetails"] = new JsonObject { ["total"] = cost } }));
        }

        JsonArray alerts = [];
        await Eventually.TrueAsync(async () =>
        {
            alerts = (await http.GetFromJsonAsync<JsonObject>("/api/public/alerts/users", ct))!["data"]!.AsArray();
            return alerts.Count > 0;
        }, "the over-budget user is listed");
        var alert = Assert.Single(alerts)!;
        Assert.Equal(("big-spender", "budget", 0.02m), ((string)alert["userId"]!, (string)alert["reason"]!, (decimal)alert["windowCostUsd"]!));
        Assert.Contains("lantern_user_budget_exceeded_total{project=\"test-project\"} 1", await http.GetStringAsync("/metrics", ct), StringComparison.Ordinal);
    }
}
