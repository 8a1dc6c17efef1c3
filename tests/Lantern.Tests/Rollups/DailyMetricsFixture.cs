using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;
using static Lantern.Tests.Rollups.RollupApi;

namespace Lantern.Tests.Rollups;

/// <summary>
/// One app for the daily metrics tests: on 2026-11-01 a tagged production chat trace of alice (model A) and a search trace of
/// bob (model B, plus a span); on 2026-11-02 a chat trace of alice with two model A generations.
/// </summary>
public sealed class DailyMetricsFixture : IAsyncLifetime
{
    private static readonly DateTimeOffset Day1 = T0;
    private static readonly DateTimeOffset Day2 = T0.AddDays(1);

    public LanternApp App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await LanternApp.StartAsync();
        Http = App.CreateClient().Authorized();
        await Http.IngestAsync(
            Trace("d1a", Day1, "alice", model: "A", cost: 0.1m, input: 10, output: 5,
                trace: t => (t["tags"], t["environment"]) = (new JsonArray("prod", "eu"), "production")),
            Trace("d1b", Day1.AddHours(2), "bob", model: "B", cost: 0.2m, input: 20, output: 10,
                trace: t => (t["name"], t["tags"]) = ("search", new JsonArray("prod"))),
            Trace("d2a", Day2, "alice", model: "A", cost: 0.3m, input: 30, output: 15, trace: t => t["tags"] = new JsonArray("eu")),
            [Event("span-create", new JsonObject { ["id"] = "d1b-span", ["traceId"] = "d1b", ["startTime"] = Iso(Day1.AddHours(2)) }),
             Event("generation-create", new JsonObject
             {
                 ["id"] = "d2a-gen2", ["traceId"] = "d2a", ["model"] = "A", ["startTime"] = Iso(Day2),
                 ["usageDetails"] = new JsonObject { ["input"] = 40, ["output"] = 20 }, ["costDetails"] = new JsonObject { ["total"] = 0.4m },
             })]);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }
}
