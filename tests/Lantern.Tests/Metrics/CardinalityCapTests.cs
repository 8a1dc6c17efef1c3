using System.Diagnostics.Metrics;
using System.Globalization;
using Lantern.Silo.Metrics;
using Lantern.Silo.Metrics.Instruments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lantern.Tests.Metrics;

public sealed class CardinalityCapTests
{
    [Fact]
    public void Ten_thousand_model_names_fold_into_other_beyond_the_cap_without_losing_cost()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var collector = new MetricsCollector(meters, Options.Create(new MetricsOptions { MaxLabelSetsPerMetric = 100, IncludeRuntimeMetrics = false }));
        var cost = new CostMetrics(meters);

        for (var i = 0; i < 10_000; i++)
        {
            cost.Cost("p1", $"model-{i}", 0.5m);
        }

        var lines = collector.Scrape(ExpositionFormat.Text).Split('\n');
        var series = lines.Where(l => l.StartsWith("lantern_llm_cost_usd_total{", StringComparison.Ordinal)).ToList();
        Assert.Equal(101, series.Count);
        Assert.Contains("lantern_llm_cost_usd_total{model=\"other\",project=\"other\"} 4950", series);
        Assert.Equal(5000, series.Sum(l => double.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture)));
        Assert.Contains("lantern_metrics_label_sets_folded_total{metric=\"lantern_llm_cost_usd_total\"} 9900", lines);
    }

    [Fact]
    public void Label_sets_seen_before_the_cap_keep_counting_after_it_is_reached()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var collector = new MetricsCollector(meters, Options.Create(new MetricsOptions { MaxLabelSetsPerMetric = 2, IncludeRuntimeMetrics = false }));
        var cost = new CostMetrics(meters);

        foreach (var model in new[] { "a", "b", "c", "a", "d", "b" })
        {
            cost.Generations("p1", model, 1);
        }

        var lines = collector.Scrape(ExpositionFormat.Text).Split('\n');
        Assert.Contains("lantern_llm_generations_total{model=\"a\",project=\"p1\"} 2", lines);
        Assert.Contains("lantern_llm_generations_total{model=\"b\",project=\"p1\"} 2", lines);
        Assert.Contains("lantern_llm_generations_total{model=\"other\",project=\"other\"} 2", lines);
    }
}
