namespace Lantern.Contracts.Ingestion;

/// <summary>The <c>type</c> of an event in a Langfuse ingestion batch.</summary>
public enum IngestionEventType
{
    /// <summary><c>trace-create</c> (create or update; there is no trace-update).</summary>
    TraceCreate,

    /// <summary><c>span-create</c>.</summary>
    SpanCreate,

    /// <summary><c>span-update</c>.</summary>
    SpanUpdate,

    /// <summary><c>generation-create</c>.</summary>
    GenerationCreate,

    /// <summary><c>generation-update</c>.</summary>
    GenerationUpdate,

    /// <summary><c>event-create</c>.</summary>
    EventCreate,

    /// <summary><c>agent-create</c>.</summary>
    AgentCreate,

    /// <summary><c>tool-create</c>.</summary>
    ToolCreate,

    /// <summary><c>chain-create</c>.</summary>
    ChainCreate,

    /// <summary><c>retriever-create</c>.</summary>
    RetrieverCreate,

    /// <summary><c>evaluator-create</c>.</summary>
    EvaluatorCreate,

    /// <summary><c>embedding-create</c>.</summary>
    EmbeddingCreate,

    /// <summary><c>guardrail-create</c>.</summary>
    GuardrailCreate,

    /// <summary><c>observation-create</c> (legacy SDK 1.x; the body carries the observation type).</summary>
    ObservationCreate,

    /// <summary><c>observation-update</c> (legacy SDK 1.x).</summary>
    ObservationUpdate,

    /// <summary><c>score-create</c>.</summary>
    ScoreCreate,

    /// <summary><c>sdk-log</c>: logged and dropped, listed in neither successes nor errors.</summary>
    SdkLog,
}
