using System.Net;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Rollups.RollupApi;

namespace Lantern.Tests.Rollups;

public sealed class UsageEndpointTests
{
    // Ages chosen away from the window edges, so that rounding the window's start down to its hour never changes the answer.
    private static System.Text.Json.Nodes.JsonObject[][] Seed(DateTimeOffset now) =>
    [
        Trace("recent", now.AddMinutes(-30), "u1", model: "m1", cost: 1m, input: 1, output: 1),
        Trace("hours", now.AddHours(-3), "u2", model: "m2", cost: 2m, input: 2, output: 2),
        Trace("days", now.AddDays(-3), "u1", model: "m1", cost: 4m, input: 4, output: 4),
        Trace("old", now.AddDays(-10), "u3", model: "m3", cost: 8m, input: 8, output: 8),
    ];

    [Fact]
    public async Task Usage_over_a_sliding_window_counts_what_happened_in_it()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await http.IngestAsync(Seed(DateTimeOffset.UtcNow));

        Assert.Equal("test-project=1", await Rows(http, "window=1h&groupBy=project"));
        Assert.Equal("test-project=3", await Rows(http, "window=24h"));
        Assert.Equal("test-project=7", await Rows(http, "window=7d&groupBy=project"));
        Assert.Equal("u1=5,u2=2", await Rows(http, "window=7d&groupBy=user"));
        Assert.Equal("u1=5", await Rows(http, "window=7d&groupBy=user&limit=1"));
        Assert.Equal("m2=2,m1=1", await Rows(http, "window=24h&groupBy=model"));

        var (_, body) = await http.GetJsonAsync("/api/public/metrics/usage?window=7d&groupBy=model");
        var m1 = body["data"]!.AsArray().Single(r => (string?)r!["key"] == "m1")!;
        Assert.Equal(10, (long)m1["totalTokens"]!);
        Assert.Equal(2, (long)m1["generations"]!);
        Assert.Equal("7d", (string?)body["window"]);
        Assert.True((DateTimeOffset)body["from"]! <= (DateTimeOffset)body["to"]! - TimeSpan.FromDays(7));
    }

    [Fact]
    public async Task Bad_usage_parameters_are_400_saying_what_is_wrong()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();

        await http.ExpectBadRequestAsync("/api/public/metrics/usage?window=2h", "window");
        await http.ExpectBadRequestAsync("/api/public/metrics/usage?groupBy=trace", "groupBy");
        await http.ExpectBadRequestAsync("/api/public/metrics/usage?limit=0", "limit");
        await http.ExpectBadRequestAsync("/api/public/metrics/usage?limit=1001", "limit");
    }

    private static async Task<string> Rows(HttpClient http, string query)
    {
        var (status, body) = await http.GetJsonAsync($"/api/public/metrics/usage?{query}");
        Assert.Equal(HttpStatusCode.OK, status);
        return string.Join(",", body["data"]!.AsArray().Select(r => $"{(string?)r!["key"]}={Dec(r["totalCost"])}"));
    }
}
