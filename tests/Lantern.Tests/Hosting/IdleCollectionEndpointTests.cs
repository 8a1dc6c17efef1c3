using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lantern.Silo.Hosting;
using Lantern.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Hosting;

/// <summary>
/// Through the API: every request counts as in flight, and once the last one has ended after enough was allocated the
/// node collects and says so in its metrics. The heap is scripted: in the busy test process the runtime's own
/// collections come every few milliseconds and would reset the count at any moment (the benchmark runs it on the real
/// one: docs/benchmarks.md, round 25).
/// </summary>
public sealed class IdleCollectionEndpointTests
{
    [Fact]
    public async Task The_node_collects_after_its_requests_once_enough_was_allocated_and_counts_it_in_its_metrics()
    {
        var heap = new ScriptedHeap();
        await using var lantern = new LanternApp(await PostgresServer.CreateDatabaseAsync(),
            new Dictionary<string, string?> { [IdleCollectionOptions.ThresholdKey] = "2" });
        await using var app = lantern.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IManagedHeap>(heap)));
        var http = app.CreateClient().Authorized();

        await http.PostAsync(Event("trace-create", new JsonObject { ["id"] = "trace-1" }));
        heap.Allocate(2);
        await http.PostAsync(Event("trace-create", new JsonObject { ["id"] = "trace-2" }));

        await Eventually.TrueAsync(() => heap.Asked == 1, "the node collects after its last request");
        Assert.Equal(1, Collections(await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken)));
    }

    private static long Collections(string metrics) =>
        Regex.Match(metrics, @"lantern_gc_idle_collections_total (\d+)") is { Success: true } match
            ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : 0;
}
