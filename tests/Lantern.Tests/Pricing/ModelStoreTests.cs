using Lantern.Grains.Pricing;
using Lantern.Silo.Pricing;
using Lantern.Tests.Infrastructure;
using Npgsql;

namespace Lantern.Tests.Pricing;

public sealed class ModelStoreTests
{
    [Fact]
    public async Task A_stored_model_round_trips_with_its_tiers_and_conditions()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await CreateProjectAsync(dataSource, "p");
        var store = new PostgresModelStore(dataSource);
        var model = Model("m1", "p", "(?i)^my-llm$", new PricingTier("t1", "Large", false, 1,
            [new UsageCondition("(input)", "gt", 1000, false), new AttributeCondition("metadata", "tier", "in", ["gold"])],
            new Dictionary<string, decimal> { ["input"] = 0.000002m }));

        Assert.True(await store.CreateAsync(model, CancellationToken.None));
        var stored = await store.GetAsync("p", "m1", CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal("(?i)^my-llm$", stored.MatchPattern);
        Assert.Equal(2, stored.Tiers.Count);
        Assert.Equal(0.000001m, stored.DefaultTier!.Prices["input"]);
        var large = stored.Tiers.Single(t => !t.IsDefault);
        Assert.Equal(new UsageCondition("(input)", "gt", 1000, false), large.Conditions[0]);
        Assert.Equal(["gold"], ((AttributeCondition)large.Conditions[1]).Values);
        Assert.Null(await store.GetAsync("other", "m1", CancellationToken.None));
    }

    [Fact]
    public async Task A_second_model_with_the_same_name_start_date_and_unit_is_refused()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await CreateProjectAsync(dataSource, "p");
        var store = new PostgresModelStore(dataSource);

        Assert.True(await store.CreateAsync(Model("m1", "p", "^a$"), CancellationToken.None));
        Assert.False(await store.CreateAsync(Model("m2", "p", "^a$"), CancellationToken.None));
    }

    [Fact]
    public async Task The_cache_follows_creates_deletes_and_the_built_in_setting_after_a_refresh()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await CreateProjectAsync(dataSource, "p");
        var store = new PostgresModelStore(dataSource);
        var cache = new ProjectModelCache(store);
        var engine = new CostEngine(cache);
        await cache.RefreshAsync(force: true, CancellationToken.None);
        var observation = Observations.Generation("gpt-4o", usageDetails: """{"input": 2}""");

        Assert.Equal("b9854a5c92dc496b997d99d20", engine.Price("p", observation).ModelId);

        await store.CreateAsync(Model("mine", "p", "(?i)^gpt-4o$"), CancellationToken.None);
        await cache.RefreshAsync(force: false, CancellationToken.None);
        Assert.Equal("mine", engine.Price("p", observation).ModelId);

        await store.DeleteAsync("p", "mine", CancellationToken.None);
        // A setting changed with plain SQL moves the revision too (trigger), so polling nodes pick it up.
        await using (var command = dataSource.CreateCommand("""UPDATE projects SET settings = '{"builtInModelPrices": false}' WHERE id = 'p'"""))
        {
            await command.ExecuteNonQueryAsync();
        }

        await cache.RefreshAsync(force: false, CancellationToken.None);
        Assert.Null(engine.Price("p", observation).ModelId);
        Assert.Equal("b9854a5c92dc496b997d99d20", engine.Price("q", observation).ModelId);
    }

    [Fact]
    public async Task A_stored_pattern_that_does_not_compile_never_matches_and_does_not_stop_the_others()
    {
        await using var dataSource = await PostgresServer.CreateMigratedAsync();
        await CreateProjectAsync(dataSource, "p");
        var store = new PostgresModelStore(dataSource);
        await store.CreateAsync(Model("good", "p", "(?i)^my-llm$"), CancellationToken.None);
        await using (var command = dataSource.CreateCommand(
            """INSERT INTO models (id, project_id, model_name, match_pattern, pricing_tiers) SELECT 'bad', 'p', 'bad', '(unclosed', pricing_tiers FROM models"""))
        {
            await command.ExecuteNonQueryAsync();
        }

        var cache = new ProjectModelCache(store);
        await cache.RefreshAsync(force: true, CancellationToken.None);

        Assert.Equal("good", new CostEngine(cache).Price("p", Observations.Generation("MY-LLM", usageDetails: """{"input": 1}""")).ModelId);
        Assert.Null(cache.Get("p").ProjectModels.Match("(unclosed"));
    }

    internal static ModelDefinition Model(string id, string projectId, string pattern, params PricingTier[] extraTiers) =>
        new(id, projectId, "my-llm", pattern, null, "TOKENS", null, null, DateTimeOffset.UtcNow,
            [new PricingTier(id + "_tier_default", "Standard", true, 0, [], new Dictionary<string, decimal> { ["input"] = 0.000001m }), .. extraTiers]);

    private static async Task CreateProjectAsync(NpgsqlDataSource dataSource, string id)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO projects (id, name, org_id, org_name) VALUES ($1, $1, 'o', 'o')");
        command.Parameters.Add(new() { Value = id });
        await command.ExecuteNonQueryAsync();
    }
}
