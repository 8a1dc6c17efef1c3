using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lantern.Api.Otel.Mapping;

/// <summary>Name, model, model parameters and cost of a span from Langfuse and third-party attributes (reference §4.6).</summary>
public static class GenerationAttributes
{
    private static readonly string[] ModelKeys =
    [
        "langfuse.observation.model.name", "gen_ai.response.model", "ai.model.id", "gen_ai.request.model",
        "llm.response.model", "llm.model_name", "model",
    ];

    public static string Name(SpanContext span)
    {
        var a = span.Attributes;
        var vercel = a.Text("ai.telemetry.functionId") is { } function && a.Text("ai.operationId") is { } operation
            ? $"{function}:{operation}"
            : null;
        return a.Text("gen_ai.tool.name", "genkit:name", "logfire.msg", "ai.toolCall.name") ?? vercel ?? span.Span.Name;
    }

    /// <summary>
    /// Vercel AI SDK agent spans repeat the model and usage of the generations inside them; counting them would double
    /// the trace's cost.
    /// </summary>
    public static bool IsAggregateAgentSpan(SpanContext span) =>
        span.IsVercelAi && span.Attributes.Text("gen_ai.operation.name") is "invoke_agent" or "agent_step";

    public static string? Model(SpanContext span) => IsAggregateAgentSpan(span) ? null : span.Attributes.Text(ModelKeys);

    public static JsonObject? ModelParameters(SpanContext span)
    {
        var a = span.Attributes;
        var explicitParameters = JsonText.Object(a.Get("langfuse.observation.model.parameters"))
            ?? JsonText.Object(a.Get("llm.invocation_parameters"))
            ?? JsonText.Object(a.Get("model_config"));
        if (explicitParameters is not null)
        {
            return Flatten(explicitParameters.Select(p => (p.Key, p.Value)));
        }

        var prefixed = a.WithPrefix("gen_ai.request.").Concat(a.WithPrefix("llm.invocation_parameters."))
            .Where(p => p.Key != "model")
            .ToList();
        return prefixed.Count == 0 ? null : Flatten(prefixed);
    }

    public static JsonObject? Cost(SpanContext span)
    {
        if (IsAggregateAgentSpan(span))
        {
            return null;
        }

        var a = span.Attributes;
        if (JsonText.Object(a.Get("langfuse.observation.cost_details")) is { } details)
        {
            var costs = new JsonObject();
            foreach (var (key, value) in details)
            {
                if (JsonText.Number(value) is { } amount and >= 0)
                {
                    costs[key] = amount;
                }
            }

            return costs.Count > 0 ? costs : null;
        }

        return JsonText.Number(a.First("gen_ai.usage.cost", "llm.cost.total")) is { } total and >= 0
            ? new JsonObject { ["total"] = total }
            : null;
    }

    /// <summary>Parameter values stay strings, numbers or booleans (the ingestion schema's types); anything else becomes JSON text.</summary>
    private static JsonObject Flatten(IEnumerable<(string Key, JsonNode? Value)> parameters)
    {
        var result = new JsonObject();
        foreach (var (key, value) in parameters)
        {
            result[key] = value switch
            {
                null => null,
                JsonValue v when v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.DeepClone(),
                _ => JsonValue.Create(value.ToJsonString()),
            };
        }

        return result;
    }
}
