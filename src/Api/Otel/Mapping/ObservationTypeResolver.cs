using System.Collections.Frozen;

namespace Lantern.Api.Otel.Mapping;

/// <summary>The observation type of a span (reference §4.5): the first rule that yields a known type wins, else <c>SPAN</c>.</summary>
public static class ObservationTypeResolver
{
    public static readonly FrozenSet<string> Types =
        FrozenSet.ToFrozenSet(["SPAN", "GENERATION", "EVENT", "AGENT", "TOOL", "CHAIN", "RETRIEVER", "EVALUATOR", "EMBEDDING", "GUARDRAIL"]);

    private static readonly FrozenDictionary<string, string> OpenInference = new Dictionary<string, string>
    {
        ["LLM"] = "GENERATION", ["CHAIN"] = "CHAIN", ["RETRIEVER"] = "RETRIEVER", ["EMBEDDING"] = "EMBEDDING",
        ["AGENT"] = "AGENT", ["TOOL"] = "TOOL", ["GUARDRAIL"] = "GUARDRAIL", ["EVALUATOR"] = "EVALUATOR",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, string> GenAiOperation = new Dictionary<string, string>
    {
        ["chat"] = "GENERATION", ["completion"] = "GENERATION", ["text_completion"] = "GENERATION",
        ["generate_content"] = "GENERATION", ["generate"] = "GENERATION", ["embeddings"] = "EMBEDDING",
        ["invoke_agent"] = "AGENT", ["create_agent"] = "AGENT", ["execute_tool"] = "TOOL",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, string> Genkit = new Dictionary<string, string>
    {
        ["model"] = "GENERATION", ["background-model"] = "GENERATION", ["embedder"] = "EMBEDDING",
        ["tool"] = "TOOL", ["tool.v2"] = "TOOL", ["retriever"] = "RETRIEVER", ["evaluator"] = "EVALUATOR",
    }.ToFrozenDictionary();

    private static readonly string[] VercelGenerations =
        ["ai.generateText.doGenerate", "ai.streamText.doStream", "ai.generateObject.doGenerate", "ai.streamObject.doStream"];

    private static readonly string[] VercelEmbeddings = ["ai.embed.doEmbed", "ai.embedMany.doEmbed"];

    /// <summary>Attributes only a generation carries; their presence fixes old Python SDKs that sent <c>span</c> (rule 0).</summary>
    private static readonly string[] GenerationAttributes =
    [
        "langfuse.observation.model.name", "langfuse.observation.model.parameters", "langfuse.observation.usage_details",
        "langfuse.observation.cost_details", "langfuse.observation.completion_start_time", "langfuse.observation.prompt.name",
        "langfuse.observation.prompt.version",
    ];

    private static readonly string[] ModelAttributes =
        ["langfuse.observation.model.name", "gen_ai.request.model", "gen_ai.response.model", "llm.model_name", "model"];

    public static string Resolve(SpanContext span)
    {
        var a = span.Attributes;
        var declared = a.Text("langfuse.observation.type")?.ToUpperInvariant();
        if (declared == "SPAN" && span.IsLangfuseSdk && span.Resource.Text("telemetry.sdk.language") == "python" &&
            GenerationAttributes.Any(a.Has))
        {
            return "GENERATION";
        }

        return Known(declared)
            ?? Lookup(OpenInference, a.Text("openinference.span.kind")?.ToUpperInvariant())
            ?? Lookup(GenAiOperation, a.Text("gen_ai.operation.name"))
            ?? Lookup(Genkit, a.Text("genkit:metadata:subtype"))
            ?? Vercel(span)
            ?? (a.Has("gen_ai.tool.name") || a.Has("gen_ai.tool.call.id") ? "TOOL" : null)
            ?? (a.HasPrefix("flue.tool.") ? "TOOL" : a.HasPrefix("flue.task.") ? "AGENT" : null)
            ?? LiveKit(span)
            ?? (a.First(ModelAttributes) is not null ? "GENERATION" : null)
            ?? "SPAN";
    }

    private static string? Known(string? type) => type is not null && Types.Contains(type) ? type : null;

    private static string? Lookup(FrozenDictionary<string, string> table, string? key) =>
        key is not null && table.TryGetValue(key, out var type) ? type : null;

    private static string? Vercel(SpanContext span)
    {
        var operation = span.Attributes.Text("ai.operationId") ?? span.Attributes.Text("operation.name");
        if (operation is null)
        {
            return null;
        }

        var hasModel = span.Attributes.First("ai.model.id", "gen_ai.request.model", "gen_ai.response.model") is not null;
        return VercelGenerations.Any(g => operation.StartsWith(g, StringComparison.Ordinal)) && hasModel ? "GENERATION"
            : VercelEmbeddings.Any(e => operation.StartsWith(e, StringComparison.Ordinal)) ? "EMBEDDING"
            : operation.StartsWith("ai.toolCall", StringComparison.Ordinal) ? "TOOL"
            : null;
    }

    private static string? LiveKit(SpanContext span) => span.Scope.Name != "livekit-agents" ? null : span.Span.Name switch
    {
        "agent_turn" or "start_agent_activity" => "AGENT",
        "function_tool" => "TOOL",
        _ => null,
    };
}
