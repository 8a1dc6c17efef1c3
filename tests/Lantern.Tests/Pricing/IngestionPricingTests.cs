using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Pricing;

public sealed class IngestionPricingTests
{
    [Fact]
    public async Task An_ingested_generation_is_stored_with_its_computed_cost_model_and_tier()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();

        var (response, body) = await http.PostAsync(
            Event("trace-create", new JsonObject { ["id"] = "t1", ["name"] = "chat" }),
            Event("generation-create", new JsonObject
            {
                ["id"] = "g1", ["traceId"] = "t1", ["model"] = "gpt-4o",
                ["usageDetails"] = new JsonObject
                {
                    ["prompt_tokens"] = 1000, ["completion_tokens"] = 100, ["total_tokens"] = 1100,
                    ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 400 },
                },
            }));

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.True(body!["errors"]!.AsArray().Count == 0, body.ToJsonString());
        var generation = Assert.Single(await Sql.RowsAsync(app.ConnectionString, "SELECT * FROM observations WHERE id = 'g1'"));
        var expected = (600 * 2.5m + 400 * 1.25m + 100 * 10m) / 1_000_000m;
        Assert.Equal(expected, (decimal)generation["total_cost"]!);
        Assert.Equal("b9854a5c92dc496b997d99d20", generation["internal_model_id"]);
        Assert.Equal("Standard", generation["pricing_tier_name"]);
        Assert.Equal(0.0000025m, (decimal)generation["input_price"]!);
        var usage = Json((string)generation["usage_details"]!);
        Assert.Equal(600, usage.GetProperty("input").GetInt64());
        Assert.Equal(400, usage.GetProperty("input_cached_tokens").GetInt64());
        Assert.Equal(expected, await Sql.ScalarAsync<decimal>(app.ConnectionString, "SELECT total_cost FROM traces WHERE id = 't1'"));
    }

    [Fact]
    public async Task A_project_model_created_through_the_api_prices_later_generations()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        var created = await http.PostAsync("/api/public/models", new StringContent(
            """{"modelName": "house-llm", "matchPattern": "(?i)^house-llm(-v\\d+)?$", "inputPrice": 0.01, "outputPrice": 0.02}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        await http.PostAsync(Event("generation-create", new JsonObject
        {
            ["id"] = "g1", ["traceId"] = "t1", ["model"] = "House-LLM-v2",
            ["usage"] = new JsonObject { ["input"] = 3, ["output"] = 2 },
        }));

        Assert.Equal(0.07m, await Sql.ScalarAsync<decimal>(app.ConnectionString, "SELECT total_cost FROM observations WHERE id = 'g1'"));
    }
}
