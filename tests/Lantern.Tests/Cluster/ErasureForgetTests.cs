using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Cluster;

/// <summary>
/// A user erased through an <c>api</c> process is forgotten where the user's grains live: the <c>silo</c> that owns the
/// user's partition, whose view and spend alerts the api process cannot reach in memory.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ErasureForgetTests(RabbitMqBroker broker)
{
    private readonly string _cluster = $"test-{Guid.NewGuid():N}";

    [Fact]
    public async Task An_erasure_through_the_api_drops_the_owners_view_and_spend_alerts_of_the_user()
    {
        // A silo that misses the alert read's deadline answers 503 ("retry later"), as a client sees it; the first read
        // retries on it, with a deadline short enough for a retry to fit in the wait.
        await using var cluster = await ApiAndSilo.StartAsync(broker.Url, _cluster, new Dictionary<string, string?>
        {
            ["LANTERN_USER_BUDGET_USD"] = "0.01", ["LANTERN_CLUSTER_DELETE_TIMEOUT_SECONDS"] = "15",
        });
        var database = cluster.Database;
        var onSilo = cluster.Silo.CreateClient().Authorized();
        await cluster.IngestAsync([.. Spend("spender", "t-spender-1", 0.02m), .. Spend("keeper", "t-keeper-1", 0.03m)]);
        await Eventually.TrueAsync(async () => (await AlertedUsersOrNullIfUnavailableAsync(onSilo))?.Count == 2, "the owner alerted both users",
            TimeSpan.FromSeconds(60));
        // The api process holds no user grain: it gathers the alerts from the silos.
        Assert.Equal(["keeper", "spender"], await AlertedUsersAsync(cluster.Http));
        await Eventually.TrueAsync(async () => await TracesAsync(onSilo, "spender") == 1, "the owner's view counts the spender's trace");

        Assert.Equal(HttpStatusCode.OK, (await cluster.Http.DeleteAsync("/api/public/users/spender")).StatusCode);

        // Answered once the owner forgot: nothing to wait for.
        Assert.Equal(["keeper"], await AlertedUsersAsync(onSilo));
        Assert.Equal(["keeper"], await AlertedUsersAsync(cluster.Http));
        Assert.Equal(HttpStatusCode.NotFound, (await onSilo.GetAsync("/api/public/users/spender")).StatusCode);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM rollups WHERE scope = 'user' AND scope_key = 'spender'"));

        // The user comes back in the same hour: the row is created again at version 1, which a view still holding the deleted
        // row (at a higher version) would skip as already counted.
        await cluster.IngestAsync([Event("trace-create", new JsonObject { ["id"] = "t-spender-2", ["userId"] = "spender", ["timestamp"] = Iso(T0) }, T0)]);
        await Eventually.TrueAsync(async () => await TracesAsync(onSilo, "spender") == 1, "the owner's view counts the returning user's trace");
        Assert.Equal(1L, await TracesAsync(cluster.Http, "spender"));
        await RollupRecomputation.AssertConsistentAsync(database, afterTraceDeletion: true);
    }

    private static JsonObject[] Spend(string user, string traceId, decimal cost) =>
    [
        Event("trace-create", new JsonObject { ["id"] = traceId, ["userId"] = user, ["timestamp"] = Iso(T0) }, T0),
        Event("generation-create", new JsonObject
        {
            ["id"] = $"g-{traceId}", ["traceId"] = traceId, ["startTime"] = Iso(T0), ["costDetails"] = new JsonObject { ["total"] = cost },
        }, T0),
    ];

    private static async Task<List<string>> AlertedUsersAsync(HttpClient http) =>
        await AlertedUsersOrNullIfUnavailableAsync(http) ?? throw new HttpRequestException("GET /api/public/alerts/users answered 503.");

    private static async Task<List<string>?> AlertedUsersOrNullIfUnavailableAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/api/public/alerts/users");
        return response.StatusCode == HttpStatusCode.ServiceUnavailable
            ? null
            : [.. (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!["data"]!.AsArray().Select(a => (string)a!["userId"]!).Distinct().Order()];
    }

    private static async Task<long> TracesAsync(HttpClient http, string user)
    {
        var response = await http.GetAsync($"/api/public/users/{user}");
        return response.StatusCode == HttpStatusCode.NotFound ? 0 : (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["traces"]!;
    }
}
