using System.Diagnostics.Metrics;

namespace Lantern.Silo.Metrics.Instruments;

/// <summary>LLM spend instruments: cost in USD, tokens and generations by project and model; per-user budget breaches.</summary>
public sealed class CostMetrics
{
    private readonly Counter<double> _cost;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _generations;
    private readonly Counter<long> _budgetExceeded;

    public CostMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(SiloMeter.Name);
        _cost = meter.CreateCounter<double>("lantern_llm_cost_usd_total", "USD", "LLM cost in US dollars, by project and model.");
        _tokens = meter.CreateCounter<long>("lantern_llm_tokens_total", description: "LLM tokens by project, model and token type (input, output, total, ...).");
        _generations = meter.CreateCounter<long>("lantern_llm_generations_total", description: "Generations ingested, by project and model.");
        _budgetExceeded = meter.CreateCounter<long>("lantern_user_budget_exceeded_total", description: "Per-user cost budget breaches detected, by project.");
    }

    public void Cost(string project, string model, decimal usd) => _cost.Add((double)usd, new("project", project), new("model", model));

    public void Tokens(string project, string model, string tokenType, long tokens) =>
        _tokens.Add(tokens, new("project", project), new("model", model), new("token_type", tokenType));

    public void Generations(string project, string model, long count) => _generations.Add(count, new("project", project), new("model", model));

    public void UserBudgetExceeded(string project) => _budgetExceeded.Add(1, new KeyValuePair<string, object?>("project", project));
}
