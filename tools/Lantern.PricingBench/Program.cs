// Prints how many generations per second the cost engine prices: a batch of mixed model names (known ones, provider-
// prefixed and differently cased variants, unknown names) with usage in free-map and OpenAI shapes. Run:
//   dotnet run -c Release --project tools/Lantern.PricingBench [observations]
using System.Diagnostics;
using System.Globalization;
using Lantern.Grains.Pricing;
using Lantern.Grains.Traces;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
var started = Stopwatch.GetTimestamp();
var known = DefaultModelPrices.Matcher.Models.Select(m => m.ModelName).ToArray();
Console.WriteLine($"Loaded and compiled {known.Length} built-in models in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");

var random = new Random(42);
var names = known.Concat(known.Select(n => n.ToUpperInvariant())).Concat(known.Take(40).Select(n => "openai/" + n))
    .Concat(Enumerable.Range(0, 200).Select(i => $"unknown-model-{i}")).ToArray();
var usages = new[]
{
    """{"input": 1200, "output": 300}""",
    """{"prompt_tokens": 1000, "completion_tokens": 100, "total_tokens": 1100, "prompt_tokens_details": {"cached_tokens": 400}}""",
    """{"input": 50, "cache_read_input_tokens": 2000, "output": 300}""",
};
var batch = Enumerable.Range(0, count).Select(i => Observation(names[random.Next(names.Length)], usages[i % usages.Length])).ToArray();
var engine = new CostEngine(new NoProjectModels());

foreach (var round in new[] { "first pass (cold name cache)", "second pass (warm)" })
{
    started = Stopwatch.GetTimestamp();
    decimal total = 0;
    foreach (var observation in batch)
    {
        total += engine.Price("bench", observation).TotalCost ?? 0;
    }

    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    Console.WriteLine($"{round}: {count / seconds:N0} prices/s ({count:N0} generations, {names.Length} distinct names, total ${total:F2})");
}

static Entity Observation(string model, string usage) => new()
{
    Kind = EntityKind.Observation,
    Id = Guid.NewGuid().ToString("N"),
    Values = { ["model"] = $"\"{model}\"", ["usageDetails"] = usage },
};

/// <summary>No project models: the benchmark measures the built-in table.</summary>
internal sealed class NoProjectModels : IProjectPricingSource
{
    public ProjectPricing Get(string projectId) => ProjectPricing.Default;
}
