using System.Globalization;
using System.Text.Json.Nodes;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Infrastructure.LangfuseBatch;

namespace Lantern.Tests.Metrics;

public sealed class SpendMetricsTests
{
    [Fact]
    public async Task Priced_generations_show_up_as_cost_tokens_and_generation_counters_once_despite_resends()
    {
        await using var app = await LanternApp.StartAsync();
        var http = app.CreateClient().Authorized();
        var generation = Event("generation-create", new JsonObject
        {
            ["id"] = "g", ["traceId"] = "t", ["model"] = "gpt-4o", ["usageDetails"] = new JsonObject { ["input"] = 1000, ["output"] = 500 },
        });

        await http.PostAsync(Event("trace-create", new JsonObject { ["id"] = "t" }), generation);
        await http.PostAsync(generation);
        var cost = await Sql.ScalarAsync<decimal>(app.ConnectionString, "SELECT total_cost FROM observations WHERE id = 'g'");
        var metrics = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(0.0075m, cost);
        Assert.Equal(0.0075, Sample(metrics, "lantern_llm_cost_usd_total{model=\"gpt-4o\",project=\"test-project\"}"), 9);
        Assert.Equal(1, Sample(metrics, "lantern_llm_generations_total{model=\"gpt-4o\",project=\"test-project\"}"));
        Assert.Equal(1000, Sample(metrics, "lantern_llm_tokens_total{model=\"gpt-4o\",project=\"test-project\",token_type=\"input\"}"));
        Assert.Equal(1500, Sample(metrics, "lantern_llm_tokens_total{model=\"gpt-4o\",project=\"test-project\",token_type=\"total\"}"));
    }

    private static double Sample(string exposition, string series)
    {
        var line = exposition.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        Assert.True(line is not null, $"{series} not in:\n{string.Join('\n', exposition.Split('\n').Where(l => l.StartsWith("lantern_llm", StringComparison.Ordinal)))}");
        return double.Parse(line[(series.Length + 1)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
