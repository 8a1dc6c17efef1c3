using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;
using static Lantern.Tests.Rollups.RollupApi;

namespace Lantern.Tests.Rollups;

public sealed class ScoreCorrectionTests
{
    [Fact]
    public async Task A_score_sent_again_with_a_new_value_moves_the_average_and_keeps_the_count()
    {
        // The second value changes the score's sum but not its count: a delta that must not be dropped as empty.
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        await http.IngestAsync(Trace("c1", T0, user: "u1", session: "s1"), [Score(0.2, T0.AddSeconds(1))]);
        await http.GetWhenAsync("/api/public/users/u1", b => b["scores"]?["quality"] is not null);

        await http.IngestAsync([Score(0.8, T0.AddSeconds(2))]);

        foreach (var url in new[] { "/api/public/users/u1", "/api/public/sessions/s1/summary" })
        {
            var body = await http.GetWhenAsync(url, b => (double?)b["scores"]?["quality"]?["average"] != 0.2);
            Assert.Equal(0.8, (double)body["scores"]!["quality"]!["average"]!, 9);
            Assert.Equal(1, (long)body["scores"]!["quality"]!["count"]!);
        }

        Assert.Equal(0.8, await Sql.ScalarAsync<double>(app.ConnectionString,
            "SELECT sum((scores -> 'quality' ->> 'sum')::float8) FROM rollups WHERE scope = 'user' AND scope_key = 'u1'"), 9);
    }

    private static JsonObject Score(double value, DateTimeOffset time) =>
        Event("score-create", new JsonObject { ["id"] = "q1", ["traceId"] = "c1", ["name"] = "quality", ["value"] = value }, time);
}
