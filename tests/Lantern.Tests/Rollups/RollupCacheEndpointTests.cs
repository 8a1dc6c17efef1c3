using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lantern.Silo.Rollups;
using Lantern.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Rollups;

/// <summary>
/// Through the API: a user who first appears after the node started is answered from memory, right after the
/// acknowledgement; a user stored before it started from PostgreSQL; an unknown one is 404 without either.
/// </summary>
public sealed class RollupCacheEndpointTests
{
    [Fact]
    public async Task After_a_restart_old_users_are_read_from_postgresql_and_new_and_unknown_ones_from_memory()
    {
        string database;
        await using (var first = await LanternApp.StartAsync())
        {
            database = first.ConnectionString;
            var http = first.CreateClient().Authorized();
            await http.PostAsync(Trace("trace-1", "user-old"), Trace("trace-2", "user-old"));
        }

        await using var second = new LanternApp(database);
        var client = second.CreateClient().Authorized();
        await Eventually.TrueAsync(() => second.Services.GetRequiredService<RollupKeyFilter>().IsComplete, "the stored keys are loaded");
        await client.PostAsync(Trace("trace-3", "user-new"), Trace("trace-4", "user-old"));

        Assert.Equal(1L, await TracesAsync(client, "user-new"));
        Assert.Equal(3L, await TracesAsync(client, "user-old"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/public/users/nobody", TestContext.Current.CancellationToken)).StatusCode);
        var metrics = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal((1, 1, 1), (Reads(metrics, "hit"), Reads(metrics, "miss"), Reads(metrics, "none")));
    }

    private static JsonObject Trace(string id, string userId) => Event("trace-create", new JsonObject { ["id"] = id, ["userId"] = userId });

    private static async Task<long> TracesAsync(HttpClient http, string userId)
    {
        var (status, body) = await http.GetJsonAsync($"/api/public/users/{userId}");
        Assert.Equal(HttpStatusCode.OK, status);
        return (long)body["traces"]!;
    }

    private static long Reads(string metrics, string outcome) =>
        Regex.Match(metrics, $$"""lantern_rollup_cache_reads_total\{outcome="{{outcome}}"\} (\d+)""") is { Success: true } match
            ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : 0;
}
