using System.Diagnostics;
using System.Diagnostics.Metrics;
using Lantern.Silo.Metrics;
using Lantern.Silo.Metrics.Instruments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// Prints what the exporter costs: recording a 3-label counter measurement (a hot path: tokens per generation) from all cores,
// and scraping a registry of 1000 series. Usage: dotnet run -c Release --project tools/Lantern.MetricsBench [measurements]
var measurements = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 4_000_000;
using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
var meters = services.GetRequiredService<IMeterFactory>();
using var collector = new MetricsCollector(meters, Options.Create(new MetricsOptions { IncludeRuntimeMetrics = false }));
var cost = new CostMetrics(meters);
string[] projects = [.. Enumerable.Range(0, 10).Select(i => $"project-{i}")];
string[] models = ["gpt-4o", "gpt-4o-mini", "claude-sonnet", "llama-3", "mistral-large"];

var threads = Environment.ProcessorCount;
var started = Stopwatch.GetTimestamp();
Parallel.For(0, threads, t =>
{
    for (var i = 0; i < measurements / threads; i++)
    {
        cost.Tokens(projects[i % projects.Length], models[i % models.Length], "input", 100);
    }
});
var elapsed = Stopwatch.GetElapsedTime(started);
Console.WriteLine($"record: {measurements:N0} measurements (3 labels, 50 label sets) on {threads} threads in {elapsed.TotalMilliseconds:N0} ms: " +
    $"{measurements / elapsed.TotalSeconds:N0}/s, {elapsed.TotalNanoseconds * threads / measurements:N0} ns per measurement per thread");

for (var i = 0; i < 1000; i++)
{
    cost.Cost("project", $"model-{i}", 0.01m);
}

collector.Scrape(ExpositionFormat.Text);
started = Stopwatch.GetTimestamp();
const int Scrapes = 50;
var bytes = 0;
for (var i = 0; i < Scrapes; i++)
{
    bytes = collector.Scrape(ExpositionFormat.Text).Length;
}

Console.WriteLine($"scrape: {Stopwatch.GetElapsedTime(started).TotalMilliseconds / Scrapes:N2} ms for ~1050 series ({bytes:N0} characters)");
