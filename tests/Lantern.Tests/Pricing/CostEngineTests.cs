using Lantern.Grains.Pricing;

namespace Lantern.Tests.Pricing;

public sealed class CostEngineTests
{
    private const string Gpt4oId = "b9854a5c92dc496b997d99d20";
    private readonly CostEngine _engine = new(new FixedPricingSource());

    [Fact]
    public void Gpt_4o_is_priced_per_usage_key_from_the_default_table()
    {
        var cost = _engine.Price("p", Observations.Generation("gpt-4o", usageDetails: """{"input": 1000, "output": 500}"""));

        Assert.Equal(Gpt4oId, cost.ModelId);
        Assert.Equal("Standard", cost.PricingTierName);
        Assert.Equal(0.0025m, cost.CostDetails["input"]);
        Assert.Equal(0.005m, cost.CostDetails["output"]);
        Assert.Equal(0.0075m, cost.TotalCost);
        Assert.Equal(1500, cost.UsageDetails["total"]);
        Assert.Equal(0.0000025m, cost.InputPrice);
        Assert.Equal(0.00001m, cost.OutputPrice);
        Assert.Null(cost.TotalPrice);
    }

    [Theory]
    [InlineData("GPT-4o")]
    [InlineData("openai/gpt-4o")]
    public void Model_names_match_case_insensitively_and_with_provider_prefixes(string name)
    {
        Assert.Equal(Gpt4oId, _engine.Price("p", Observations.Generation(name, usageDetails: """{"input": 1}""")).ModelId);
    }

    [Fact]
    public void Openai_usage_with_cached_tokens_prices_cached_tokens_once_at_the_cached_price()
    {
        var usage = """{"prompt_tokens": 1000, "completion_tokens": 100, "total_tokens": 1100, "prompt_tokens_details": {"cached_tokens": 400}}""";

        var cost = _engine.Price("p", Observations.Generation("gpt-4o", usageDetails: usage));

        Assert.Equal(600, cost.UsageDetails["input"]);
        Assert.Equal(400, cost.UsageDetails["input_cached_tokens"]);
        Assert.Equal(1100, cost.UsageDetails["total"]);
        Assert.Equal(1000, cost.InputUsage);
        Assert.Equal((600 * 2.5m + 400 * 1.25m + 100 * 10m) / 1_000_000m, cost.TotalCost);
    }

    [Fact]
    public void A_flat_map_whose_input_includes_the_cached_tokens_is_not_double_counted()
    {
        // Langfuse #10592: input = all prompt tokens, cached again beside it, total = input + output.
        var cost = _engine.Price("p", Observations.Generation("gpt-4o",
            usageDetails: """{"input": 17903, "input_cached_tokens": 17817, "output": 50, "total": 17953}"""));

        Assert.Equal(86, cost.UsageDetails["input"]);
        Assert.Equal(17903, cost.InputUsage);
        Assert.Equal((86 * 2.5m + 17817 * 1.25m + 50 * 10m) / 1_000_000m, cost.TotalCost);
    }

    [Fact]
    public void A_flat_map_with_exclusive_buckets_is_priced_as_sent()
    {
        var cost = _engine.Price("p", Observations.Generation("gpt-4o",
            usageDetails: """{"input": 86, "input_cached_tokens": 17817, "output": 50, "total": 17953}"""));

        Assert.Equal(86, cost.UsageDetails["input"]);
        Assert.Equal((86 * 2.5m + 17817 * 1.25m + 50 * 10m) / 1_000_000m, cost.TotalCost);
    }

    [Fact]
    public void Claude_cache_reads_and_writes_are_priced_at_their_own_rates()
    {
        var cost = _engine.Price("p", Observations.Generation("claude-sonnet-4-5-20250929",
            usageDetails: """{"input": 50, "cache_read_input_tokens": 2000, "cache_creation_input_tokens": 100, "output": 300}"""));

        Assert.Equal("c5qmrqolku82tra3vgdixmys", cost.ModelId);
        Assert.Equal(2450, cost.UsageDetails["total"]);
        Assert.Equal((50 * 3m + 2000 * 0.3m + 100 * 3.75m + 300 * 15m) / 1_000_000m, cost.TotalCost);
    }

    [Fact]
    public void Anthropic_input_tokens_exclude_the_cache_even_when_the_client_total_leaves_the_cache_out()
    {
        var cost = _engine.Price("p", Observations.Generation("claude-sonnet-4-5-20250929",
            usageDetails: """{"input_tokens": 50, "cache_read_input_tokens": 40, "output_tokens": 300, "total": 350}"""));

        Assert.Equal(50, cost.UsageDetails["input_tokens"]);
        Assert.Equal((50 * 3m + 40 * 0.3m + 300 * 15m) / 1_000_000m, cost.TotalCost);
    }

    [Fact]
    public void Two_spellings_of_the_cache_read_bucket_with_the_same_count_are_priced_once()
    {
        var cost = _engine.Price("p", Observations.Generation("claude-sonnet-4-5-20250929",
            usageDetails: """{"input": 50, "cache_read_input_tokens": 2000, "input_cache_read": 2000, "output": 300}"""));

        Assert.Equal(2000, cost.UsageDetails["input_cache_read"]);
        Assert.False(cost.UsageDetails.ContainsKey("cache_read_input_tokens"));
        Assert.Equal(2050, cost.InputUsage);
        Assert.Equal((50 * 3m + 2000 * 0.3m + 300 * 15m) / 1_000_000m, cost.TotalCost);
    }

    [Fact]
    public void Bedrock_style_claude_names_match_the_same_model()
    {
        var cost = _engine.Price("p", Observations.Generation("eu.anthropic.claude-sonnet-4-5-20250929-v1:0", usageDetails: """{"input": 1}"""));

        Assert.Equal("c5qmrqolku82tra3vgdixmys", cost.ModelId);
    }

    [Fact]
    public void An_attribute_condition_selects_the_fast_tier_from_model_parameters()
    {
        var cost = _engine.Price("p", Observations.Generation("gpt-4o", usageDetails: """{"input": 1000000}""",
            modelParameters: """{"service_tier": "priority", "temperature": 0.2}"""));

        Assert.Equal("Fast mode", cost.PricingTierName);
        Assert.Equal(4.25m, cost.TotalCost);
    }

    [Fact]
    public void A_usage_condition_selects_the_large_context_tier_only_above_its_threshold()
    {
        var small = _engine.Price("p", Observations.Generation("gemini-2.5-pro", usageDetails: """{"input": 150000, "input_cached_tokens": 40000, "output": 10}"""));
        var large = _engine.Price("p", Observations.Generation("gemini-2.5-pro", usageDetails: """{"input": 150000, "input_cached_tokens": 60000, "output": 10}"""));

        Assert.Equal("Standard", small.PricingTierName);
        Assert.Equal("Large Context", large.PricingTierName);
        Assert.Equal((150000 * 2.5m + 60000 * 0.25m + 10 * 15m) / 1_000_000m, large.TotalCost);
    }

    [Fact]
    public void Cost_sent_by_the_client_wins_over_the_computed_cost()
    {
        var cost = _engine.Price("p", Observations.Generation("gpt-4o", usageDetails: """{"input": 1000, "output": 500}""",
            costDetails: """{"input": 0.5, "output": 0.25}"""));

        Assert.Equal(Gpt4oId, cost.ModelId);
        Assert.Equal(0.75m, cost.TotalCost);
        Assert.Equal(0.5m, cost.CostDetails["input"]);
    }

    [Fact]
    public void Legacy_usage_with_costs_and_openai_camel_case_counts_is_read()
    {
        var cost = _engine.Price("p", Observations.Generation("gpt-4o",
            usage: """{"promptTokens": 10, "completionTokens": 20, "totalTokens": 30, "inputCost": 0.1, "outputCost": 0.2, "totalCost": 0.3}"""));

        Assert.Equal(10, cost.UsageDetails["input"]);
        Assert.Equal(20, cost.UsageDetails["output"]);
        Assert.Equal(30, cost.UsageDetails["total"]);
        Assert.Equal(0.3m, cost.TotalCost);
    }

    [Fact]
    public void Legacy_completion_models_are_priced_by_total()
    {
        var cost = _engine.Price("p", Observations.Generation("text-davinci-002", usage: """{"input": 10, "output": 20}"""));

        Assert.Equal(30, cost.UsageDetails["total"]);
        Assert.NotNull(cost.TotalPrice);
        Assert.Equal(30 * cost.TotalPrice, cost.TotalCost);
    }

    [Fact]
    public void An_unknown_model_keeps_the_usage_but_has_no_cost()
    {
        var cost = _engine.Price("p", Observations.Generation("my-own-llm", usageDetails: """{"input": 10, "output": "5", "bad": -1}"""));

        Assert.Null(cost.ModelId);
        Assert.Null(cost.TotalCost);
        Assert.Empty(cost.CostDetails);
        Assert.Equal(15, cost.UsageDetails["total"]);
        Assert.False(cost.UsageDetails.ContainsKey("bad"));
    }

    [Fact]
    public void A_project_model_takes_precedence_over_the_built_in_one()
    {
        var own = new ModelDefinition("own-4o", "p", "gpt-4o", "(?i)^gpt-4o$", null, "TOKENS", null, null, DateTimeOffset.UnixEpoch,
            [new PricingTier("own-4o_tier_default", "Standard", true, 0, [], new Dictionary<string, decimal> { ["input"] = 1m })]);
        var engine = new CostEngine(new FixedPricingSource(new() { ["p"] = new ProjectPricing(new ModelMatcher([own]), true) }));

        var mine = engine.Price("p", Observations.Generation("gpt-4o", usageDetails: """{"input": 3}"""));
        var other = engine.Price("q", Observations.Generation("gpt-4o", usageDetails: """{"input": 3}"""));

        Assert.Equal("own-4o", mine.ModelId);
        Assert.Equal(3m, mine.TotalCost);
        Assert.Equal(Gpt4oId, other.ModelId);
    }

    [Fact]
    public void The_newest_start_date_wins_among_matching_project_models()
    {
        ModelDefinition Model(string id, DateTimeOffset? start, decimal price) =>
            new(id, "p", "m", "(?i)^m$", start, null, null, null, DateTimeOffset.UnixEpoch,
                [new PricingTier(id + "_tier_default", "Standard", true, 0, [], new Dictionary<string, decimal> { ["input"] = price })]);
        var matcher = new ModelMatcher([Model("undated", null, 1), Model("new", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 3),
            Model("old", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), 2)]);

        Assert.Equal("new", matcher.Match("M")!.Id);
    }

    [Fact]
    public void A_project_with_built_in_prices_switched_off_prices_only_its_own_models()
    {
        var engine = new CostEngine(new FixedPricingSource(new() { ["p"] = new ProjectPricing(ModelMatcher.Empty, false) }));

        var cost = engine.Price("p", Observations.Generation("gpt-4o", usageDetails: """{"input": 3}"""));

        Assert.Null(cost.ModelId);
        Assert.Null(cost.TotalCost);
        Assert.Equal(3, cost.UsageDetails["input"]);
    }

    [Fact]
    public void An_observation_without_model_or_usage_costs_nothing()
    {
        var cost = _engine.Price("p", Observations.Generation(null));

        Assert.Empty(cost.UsageDetails);
        Assert.Null(cost.TotalCost);
    }

    [Fact]
    public void The_whole_default_table_loads_with_one_default_tier_per_model()
    {
        var models = DefaultModelPrices.Matcher.Models;

        Assert.Equal(167, models.Count);
        Assert.All(models, m => Assert.Single(m.Tiers, t => t.IsDefault));
    }
}
