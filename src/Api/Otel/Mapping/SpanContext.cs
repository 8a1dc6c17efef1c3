using Lantern.Api.Otel.Protos;

namespace Lantern.Api.Otel.Mapping;

/// <summary>One span with what its mapping rules look at: its attributes, its resource's and its instrumentation scope.</summary>
public sealed record SpanContext(Span Span, SpanAttributes Attributes, SpanAttributes Resource, InstrumentationScope Scope)
{
    /// <summary>The tracer name Langfuse's own SDKs (JS and Python) use.</summary>
    public const string LangfuseScope = "langfuse-sdk";

    public bool IsLangfuseSdk => Scope.Name.StartsWith(LangfuseScope, StringComparison.Ordinal);

    /// <summary>Spans from the Vercel AI SDK, whose tracer is named <c>ai</c>.</summary>
    public bool IsVercelAi => Scope.Name == "ai";
}
