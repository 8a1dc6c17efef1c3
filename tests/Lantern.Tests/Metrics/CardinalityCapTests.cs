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

    [Fact]
    public void A_label_set_beyond_the_cap_is_counted_as_folded_each_time_it_is_measured()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var collector = new MetricsCollector(meters, Options.Create(new MetricsOptions { MaxLabelSetsPerMetric = 1, IncludeRuntimeMetrics = false }));
        var cost = new CostMetrics(meters);

        foreach (var model in new[] { "a", "b", "b", "a", "b" })
        {
            cost.Generations("p1", model, 1);
        }

        var lines = collector.Scrape(ExpositionFormat.Text).Split('\n');
        Assert.Contains("lantern_llm_generations_total{model=\"a\",project=\"p1\"} 2", lines);
        Assert.Contains("lantern_llm_generations_total{model=\"other\",project=\"other\"} 3", lines);
        Assert.Contains("lantern_metrics_label_sets_folded_total{metric=\"lantern_llm_generations_total\"} 3", lines);
    }

    [Fact]
    public void The_same_tags_in_any_order_count_in_one_series_and_tags_that_spell_alike_in_another()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var collector = new MetricsCollector(meters, Options.Create(new MetricsOptions { IncludeRuntimeMetrics = false }));
        using var meter = meters.Create("Lantern.Tests.Order");
        var counter = meter.CreateCounter<long>("lantern_test_order_total");

        counter.Add(1, new KeyValuePair<string, object?>("a", "x"), new KeyValuePair<string, object?>("b", "y"));
        counter.Add(2, new KeyValuePair<string, object?>("b", "y"), new KeyValuePair<string, object?>("a", "x"));
        counter.Add(4, new KeyValuePair<string, object?>("a", "x"), new KeyValuePair<string, object?>("b", "y"));
        counter.Add(8, new KeyValuePair<string, object?>("a", "xb"), new KeyValuePair<string, object?>("", "y"));

        var lines = collector.Scrape(ExpositionFormat.Text).Split('\n');
        Assert.Contains("lantern_test_order_total{a=\"x\",b=\"y\"} 7", lines);
    }
}
