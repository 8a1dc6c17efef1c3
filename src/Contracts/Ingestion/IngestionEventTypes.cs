using System.Collections.Frozen;

namespace Lantern.Contracts.Ingestion;

/// <summary>Wire names of event types and what each one creates.</summary>
public static class IngestionEventTypes
{
    private static readonly FrozenDictionary<string, IngestionEventType> ByName = new Dictionary<string, IngestionEventType>
    {
        ["trace-create"] = IngestionEventType.TraceCreate,
        ["span-create"] = IngestionEventType.SpanCreate,
        ["span-update"] = IngestionEventType.SpanUpdate,
        ["generation-create"] = IngestionEventType.GenerationCreate,
        ["generation-update"] = IngestionEventType.GenerationUpdate,
        ["event-create"] = IngestionEventType.EventCreate,
        ["agent-create"] = IngestionEventType.AgentCreate,
        ["tool-create"] = IngestionEventType.ToolCreate,
        ["chain-create"] = IngestionEventType.ChainCreate,
        ["retriever-create"] = IngestionEventType.RetrieverCreate,
        ["evaluator-create"] = IngestionEventType.EvaluatorCreate,
        ["embedding-create"] = IngestionEventType.EmbeddingCreate,
        ["guardrail-create"] = IngestionEventType.GuardrailCreate,
        ["observation-create"] = IngestionEventType.ObservationCreate,
        ["observation-update"] = IngestionEventType.ObservationUpdate,
        ["score-create"] = IngestionEventType.ScoreCreate,
        ["sdk-log"] = IngestionEventType.SdkLog,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<IngestionEventType, string> NameOf = ByName.ToFrozenDictionary(p => p.Value, p => p.Key);

    /// <summary>Parses a wire name such as <c>span-update</c>.</summary>
    public static bool TryParse(string name, out IngestionEventType type) => ByName.TryGetValue(name, out type);

    /// <summary>The wire name of a type, such as <c>span-update</c>.</summary>
    public static string WireName(this IngestionEventType type) => NameOf[type];

    /// <summary>The wire names, for error messages.</summary>
    public static IEnumerable<string> Names => ByName.Keys;

    /// <summary>Whether the event creates or updates an observation.</summary>
    public static bool IsObservation(this IngestionEventType type) =>
        type is not (IngestionEventType.TraceCreate or IngestionEventType.ScoreCreate or IngestionEventType.SdkLog);

    /// <summary>Whether the event is an update (<c>*-update</c>): updates sort after creates with the same timestamp.</summary>
    public static bool IsUpdate(this IngestionEventType type) =>
        type is IngestionEventType.SpanUpdate or IngestionEventType.GenerationUpdate or IngestionEventType.ObservationUpdate;

    /// <summary>The observation type an event creates (<c>SPAN</c>, <c>GENERATION</c>…); null for legacy events and non-observations.</summary>
    public static string? ObservationType(this IngestionEventType type) => type switch
    {
        IngestionEventType.SpanCreate or IngestionEventType.SpanUpdate => "SPAN",
        IngestionEventType.GenerationCreate or IngestionEventType.GenerationUpdate => "GENERATION",
        IngestionEventType.EventCreate => "EVENT",
        IngestionEventType.AgentCreate => "AGENT",
        IngestionEventType.ToolCreate => "TOOL",
        IngestionEventType.ChainCreate => "CHAIN",
        IngestionEventType.RetrieverCreate => "RETRIEVER",
        IngestionEventType.EvaluatorCreate => "EVALUATOR",
        IngestionEventType.EmbeddingCreate => "EMBEDDING",
        IngestionEventType.GuardrailCreate => "GUARDRAIL",
        _ => null,
    };
}
