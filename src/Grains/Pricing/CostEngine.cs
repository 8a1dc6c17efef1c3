using Lantern.Grains.Traces;

namespace Lantern.Grains.Pricing;

/// <summary>
/// Prices an observation as Langfuse does (reference §8.3): match the model name (project models before built-ins),
/// choose a pricing tier from the usage and attributes, and price each usage key with the price of the same key.
/// Usage and cost sent by the client win over computed ones.
/// </summary>
public sealed class CostEngine(IProjectPricingSource projects) : IObservationPricer
{
    public ObservationCost Price(string projectId, Entity observation)
    {
        var client = ClientUsageReader.Read(observation);
        var usage = client.Usage;
        if (usage.Count > 0 && !usage.ContainsKey("total"))
        {
            usage["total"] = usage.Values.Sum();
        }

        var model = Match(projectId, observation);
        if (model is null)
        {
            return Result(usage, client.Cost, ProvidedTotal(client.Cost), null, null);
        }

        var tier = usage.Count == 0 ? null : ChooseTier(model, usage, observation);
        if (client.Cost.Count > 0 || tier is null)
        {
            return Result(usage, client.Cost, ProvidedTotal(client.Cost), model, tier);
        }

        var cost = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (key, units) in usage)
        {
            if (tier.Prices.TryGetValue(key, out var price))
            {
                cost[key] = units * price;
            }
        }

        decimal? total = cost.Count == 0 ? null : cost.TryGetValue("total", out var priced) ? priced : cost.Values.Sum();
        return Result(usage, cost, total, model, tier);
    }

    private ModelDefinition? Match(string projectId, Entity observation)
    {
        if (JsonValues.String(observation.Get("model")) is not { Length: > 0 } name)
        {
            return null;
        }

        var pricing = projects.Get(projectId);
        return pricing.ProjectModels.Match(name) ?? (pricing.BuiltInPrices ? DefaultModelPrices.Matcher.Match(name) : null);
    }

    /// <summary>Non-default tiers by priority; the first whose conditions all hold (an empty list never does), else the default.</summary>
    private static PricingTier? ChooseTier(ModelDefinition model, Dictionary<string, long> usage, Entity observation)
    {
        if (model.Tiers.Count == 1)
        {
            return model.DefaultTier;
        }

        var input = new PricingInput(usage, observation.Get("modelParameters"), observation.Metadata);
        return model.Tiers.Where(t => !t.IsDefault && t.Conditions.Count > 0).OrderBy(t => t.Priority)
            .FirstOrDefault(t => t.Conditions.All(c => c.Matches(input))) ?? model.DefaultTier;
    }

    private static decimal? ProvidedTotal(Dictionary<string, decimal> cost) =>
        cost.Count == 0 ? null : cost.TryGetValue("total", out var total) ? total : cost.Values.Sum();

    private static ObservationCost Result(Dictionary<string, long> usage, Dictionary<string, decimal> cost, decimal? total,
        ModelDefinition? model, PricingTier? tier)
    {
        var prices = (tier ?? model?.DefaultTier)?.Prices;
        return new ObservationCost(usage, cost, total, model?.Id, tier?.Id, tier?.Name,
            Price(prices, "input"), Price(prices, "output"), Price(prices, "total"));
    }

    private static decimal? Price(IReadOnlyDictionary<string, decimal>? prices, string key) =>
        prices is not null && prices.TryGetValue(key, out var price) ? price : null;
}
