using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lantern.Silo.Hosting;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Hosting;

/// <summary>Through the API: the node collects after its requests have ended, and says so in its metrics.</summary>
public sealed class IdleCollectionEndpointTests
{
    [Fact]
    public async Task The_node_collects_between_ingestion_requests_and_counts_it_in_its_metrics()
    {
        await using var app = await LanternApp.StartAsync(new Dictionary<string, string?> { [IdleCollectionOptions.ThresholdKey] = "1" });
        var http = app.CreateClient().Authorized();
        var payload = new string('x', 64 * 1024);
        var batch = 0;

        await Eventually.TrueAsync(async () =>
        {
            batch++;
            var (_, body) = await http.PostAsync([.. Enumerable.Range(0, 20).Select(i =>
                Event("trace-create", new JsonObject { ["id"] = $"trace-{batch}-{i}", ["input"] = payload }))]);
            Assert.Equal(20, Ids(body, "successes").Length);
            return Collections(await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken)) > 0;
        }, "the node counts a collection between requests", TimeSpan.FromSeconds(60));
    }

    private static long Collections(string metrics) =>
        Regex.Match(metrics, @"lantern_gc_idle_collections_total (\d+)") is { Success: true } match
            ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : 0;
}
