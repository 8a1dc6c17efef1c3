using System.Text.Json;
using Lantern.Api.Otel.Mapping;
using Lantern.Api.Otel.Protos;
using Lantern.Contracts.Ingestion;
using static Lantern.Tests.Otel.OtlpBuilder;

namespace Lantern.Tests.Otel;

public sealed class OtlpSpanMapperTests
{
    [Fact]
    public void Root_span_becomes_a_trace_with_its_trace_attributes_and_a_span_observation()
    {
        var root = NewSpan(RootId, null,
            ("langfuse.trace.name", "checkout-flow"), ("user.id", "user-1"), ("session.id", "session-1"),
            ("langfuse.trace.tags", new[] { "b", "a" }), ("langfuse.trace.public", true), ("langfuse.release", "r42"),
            ("langfuse.version", "v3"), ("langfuse.environment", "staging"), ("langfuse.trace.metadata.tenant", "acme"),
            ("langfuse.observation.input", "{\"question\":\"why?\"}"), ("langfuse.observation.output", "because"));
        var events = MappedEvents.Of(Langfuse(root));

        var trace = events.Trace();
        Assert.Equal(TraceId, trace.GetProperty("id").GetString());
        Assert.Equal("checkout-flow", trace.GetProperty("name").GetString());
        Assert.Equal("user-1", trace.GetProperty("userId").GetString());
        Assert.Equal("session-1", trace.GetProperty("sessionId").GetString());
        Assert.Equal(["b", "a"], trace.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.True(trace.GetProperty("public").GetBoolean());
        Assert.Equal("r42", trace.GetProperty("release").GetString());
        Assert.Equal("v3", trace.GetProperty("version").GetString());
        Assert.Equal("staging", trace.GetProperty("environment").GetString());
        Assert.Equal("acme", trace.GetProperty("metadata").GetProperty("tenant").GetString());
        Assert.Equal("why?", trace.GetProperty("input").GetProperty("question").GetString());
        Assert.Equal("because", trace.GetProperty("output").GetString());
        Assert.Equal("2026-11-23T10:00:00.0000000Z", trace.GetProperty("timestamp").GetString());

        var observation = events.Observation(RootId);
        Assert.Equal(IngestionEventType.SpanCreate, observation.Type);
        var body = observation.Body;
        Assert.Equal(TraceId, body.GetProperty("traceId").GetString());
        Assert.False(body.TryGetProperty("parentObservationId", out _));
        Assert.Equal("work", body.GetProperty("name").GetString());
        Assert.Equal("2026-11-23T10:00:00.0000000Z", body.GetProperty("startTime").GetString());
        Assert.Equal("2026-11-23T10:00:01.5000000Z", body.GetProperty("endTime").GetString());
        Assert.Equal("DEFAULT", body.GetProperty("level").GetString());
        Assert.Equal("why?", body.GetProperty("input").GetProperty("question").GetString());
    }

    [Fact]
    public void Trace_name_falls_back_to_the_root_span_name()
    {
        var root = NewSpan(RootId, null);
        root.Name = "handle-request";

        Assert.Equal("handle-request", MappedEvents.Of(Langfuse(root)).Trace().GetProperty("name").GetString());
    }

    [Fact]
    public void Child_span_links_to_its_parent_and_a_trace_without_exported_root_still_gets_one_shallow_trace()
    {
        var events = MappedEvents.Of(Langfuse(NewSpan(ChildId, RootId), NewSpan("1111111111111111", RootId)));

        Assert.Equal(RootId, events.Body(ChildId).GetProperty("parentObservationId").GetString());
        var trace = events.Trace();
        Assert.Equal(["id", "timestamp"], trace.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Child_span_with_trace_attributes_updates_only_those_trace_fields()
    {
        var child = NewSpan(ChildId, RootId, ("user.id", "user-9"), ("langfuse.observation.input", "child input"));
        child.Name = "child";
        var trace = MappedEvents.Of(Langfuse(child)).Trace();

        Assert.Equal("user-9", trace.GetProperty("userId").GetString());
        Assert.False(trace.TryGetProperty("name", out _), "a child's span name is not the trace name");
        Assert.False(trace.TryGetProperty("input", out _), "a child's input is not the trace input");
    }

    [Fact]
    public void As_root_attribute_makes_a_span_with_a_remote_parent_the_trace_root()
    {
        var span = NewSpan(ChildId, RootId, ("langfuse.internal.as_root", "true"));
        span.Name = "entry";

        Assert.Equal("entry", MappedEvents.Of(Langfuse(span)).Trace().GetProperty("name").GetString());
    }

    [Fact]
    public void Generation_attributes_map_to_model_usage_cost_prompt_and_first_token_time()
    {
        var span = NewSpan(RootId, null,
            ("langfuse.observation.type", "generation"), ("langfuse.observation.model.name", "gpt-4o"),
            ("langfuse.observation.model.parameters", "{\"temperature\":0.2,\"stop\":[\"x\"]}"),
            ("langfuse.observation.usage_details", "{\"input\":10,\"output\":5}"),
            ("langfuse.observation.cost_details", "{\"total\":0.25}"),
            ("langfuse.observation.prompt.name", "greeting"), ("langfuse.observation.prompt.version", 3),
            ("langfuse.observation.completion_start_time", "\"2026-11-23T10:00:00.250Z\""));
        var observation = MappedEvents.Of(Langfuse(span)).Observation(RootId);

        Assert.Equal(IngestionEventType.GenerationCreate, observation.Type);
        var body = observation.Body;
        Assert.Equal("gpt-4o", body.GetProperty("model").GetString());
        Assert.Equal(0.2, body.GetProperty("modelParameters").GetProperty("temperature").GetDouble());
        Assert.Equal("[\"x\"]", body.GetProperty("modelParameters").GetProperty("stop").GetString());
        Assert.Equal(10, body.GetProperty("usageDetails").GetProperty("input").GetInt32());
        Assert.Equal(5, body.GetProperty("usageDetails").GetProperty("output").GetInt32());
        Assert.Equal(0.25, body.GetProperty("costDetails").GetProperty("total").GetDouble());
        Assert.Equal("greeting", body.GetProperty("promptName").GetString());
        Assert.Equal(3, body.GetProperty("promptVersion").GetInt32());
        Assert.Equal("2026-11-23T10:00:00.2500000Z", body.GetProperty("completionStartTime").GetString());
    }

    [Fact]
    public void Prompt_link_is_only_kept_on_generations()
    {
        var span = NewSpan(RootId, null, ("langfuse.observation.type", "span"), ("langfuse.observation.prompt.name", "greeting"),
            ("langfuse.observation.prompt.version", 3));

        Assert.False(MappedEvents.Of(Langfuse(span)).Body(RootId).TryGetProperty("promptName", out _));
    }

    [Fact]
    public void GenAi_conventions_give_model_usage_with_cache_and_reasoning_split_out_and_cost()
    {
        var span = NewSpan(RootId, null,
            ("gen_ai.request.model", "gpt-4o"), ("gen_ai.response.model", "gpt-4o-2024-08-06"),
            ("gen_ai.usage.input_tokens", 100), ("gen_ai.usage.output_tokens", 40), ("gen_ai.usage.cache_read_input_tokens", 30),
            ("gen_ai.usage.reasoning_tokens", 10), ("gen_ai.usage.cost", 0.5), ("gen_ai.request.temperature", 0.7));
        var body = MappedEvents.Of(Export("openai-instrumentation", [], span)).Body(RootId);

        Assert.Equal("gpt-4o-2024-08-06", body.GetProperty("model").GetString());
        var usage = body.GetProperty("usageDetails");
        Assert.Equal(70, usage.GetProperty("input").GetInt64());
        Assert.Equal(30, usage.GetProperty("input_cached_tokens").GetInt64());
        Assert.Equal(30, usage.GetProperty("output").GetInt64());
        Assert.Equal(10, usage.GetProperty("output_reasoning_tokens").GetInt64());
        Assert.Equal(0.5, body.GetProperty("costDetails").GetProperty("total").GetDouble());
        Assert.Equal(0.7, body.GetProperty("modelParameters").GetProperty("temperature").GetDouble());
        Assert.False(body.GetProperty("modelParameters").TryGetProperty("model", out _));
    }

    [Fact]
    public void Legacy_prompt_and_completion_token_names_map_to_input_and_output()
    {
        var span = NewSpan(RootId, null, ("gen_ai.request.model", "gpt-3.5-turbo"), ("gen_ai.usage.prompt_tokens", 12),
            ("gen_ai.usage.completion_tokens", 8), ("gen_ai.usage.total_tokens", 20));
        var usage = MappedEvents.Of(Export("openllmetry", [], span)).Body(RootId).GetProperty("usageDetails");

        Assert.Equal("{\"input\":12,\"output\":8,\"total\":20}", usage.GetRawText());
    }

    [Fact]
    public void Flattened_gen_ai_prompt_and_completion_become_message_lists()
    {
        var span = NewSpan(RootId, null, ("gen_ai.prompt.0.role", "system"), ("gen_ai.prompt.0.content", "be brief"),
            ("gen_ai.prompt.1.role", "user"), ("gen_ai.prompt.1.content", "hi"), ("gen_ai.completion.0.role", "assistant"),
            ("gen_ai.completion.0.content", "hello"));
        var body = MappedEvents.Of(Export("openllmetry", [], span)).Body(RootId);

        Assert.Equal("[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hi\"}]", body.GetProperty("input").GetRawText());
        Assert.Equal("[{\"role\":\"assistant\",\"content\":\"hello\"}]", body.GetProperty("output").GetRawText());
    }

    [Fact]
    public void Whole_gen_ai_prompt_and_completion_attributes_are_input_and_output()
    {
        var span = NewSpan(RootId, null, ("gen_ai.prompt", "[{\"role\":\"user\",\"content\":\"hi\"}]"), ("gen_ai.completion", "hello"));
        var body = MappedEvents.Of(Export("custom", [], span)).Body(RootId);

        Assert.Equal("user", body.GetProperty("input")[0].GetProperty("role").GetString());
        Assert.Equal("hello", body.GetProperty("output").GetString());
    }

    [Theory]
    [InlineData("langfuse.observation.type", "agent", IngestionEventType.AgentCreate)]
    [InlineData("langfuse.observation.type", "retriever", IngestionEventType.RetrieverCreate)]
    [InlineData("langfuse.observation.type", "event", IngestionEventType.EventCreate)]
    [InlineData("openinference.span.kind", "LLM", IngestionEventType.GenerationCreate)]
    [InlineData("openinference.span.kind", "CHAIN", IngestionEventType.ChainCreate)]
    [InlineData("gen_ai.operation.name", "chat", IngestionEventType.GenerationCreate)]
    [InlineData("gen_ai.operation.name", "embeddings", IngestionEventType.EmbeddingCreate)]
    [InlineData("gen_ai.operation.name", "execute_tool", IngestionEventType.ToolCreate)]
    [InlineData("genkit:metadata:subtype", "tool", IngestionEventType.ToolCreate)]
    [InlineData("gen_ai.tool.name", "search", IngestionEventType.ToolCreate)]
    [InlineData("llm.model_name", "claude-3", IngestionEventType.GenerationCreate)]
    [InlineData("http.method", "GET", IngestionEventType.SpanCreate)]
    [InlineData("langfuse.observation.type", "nonsense", IngestionEventType.SpanCreate)]
    public void Observation_type_follows_the_first_matching_rule(string key, string value, IngestionEventType expected)
    {
        Assert.Equal(expected, MappedEvents.Of(Export("any", [], NewSpan(RootId, null, (key, value)))).Observation(RootId).Type);
    }

    [Fact]
    public void Declared_type_wins_over_third_party_hints()
    {
        var span = NewSpan(RootId, null, ("langfuse.observation.type", "tool"), ("gen_ai.request.model", "gpt-4o"));

        Assert.Equal(IngestionEventType.ToolCreate, MappedEvents.Of(Langfuse(span)).Observation(RootId).Type);
    }

    [Fact]
    public void Old_python_sdk_spans_with_generation_attributes_are_generations()
    {
        var span = NewSpan(RootId, null, ("langfuse.observation.type", "span"), ("langfuse.observation.model.name", "gpt-4o"));
        var request = Export("langfuse-sdk", [("telemetry.sdk.language", "python")], span);

        Assert.Equal(IngestionEventType.GenerationCreate, MappedEvents.Of(request).Observation(RootId).Type);
    }

    [Fact]
    public void Error_status_sets_level_and_status_message_unless_the_sdk_set_them()
    {
        var failed = NewSpan(RootId, null);
        failed.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "timeout" };
        var warned = NewSpan(ChildId, RootId, ("langfuse.observation.level", "WARNING"), ("langfuse.observation.status_message", "slow"));
        warned.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "ignored" };
        var events = MappedEvents.Of(Langfuse(failed, warned));

        Assert.Equal("ERROR", events.Body(RootId).GetProperty("level").GetString());
        Assert.Equal("timeout", events.Body(RootId).GetProperty("statusMessage").GetString());
        Assert.Equal("WARNING", events.Body(ChildId).GetProperty("level").GetString());
        Assert.Equal("slow", events.Body(ChildId).GetProperty("statusMessage").GetString());
    }

    [Fact]
    public void Resource_attributes_give_version_environment_and_metadata()
    {
        var span = NewSpan(RootId, null, ("http.route", "/chat"), ("langfuse.observation.metadata.step", "2"));
        var request = Export("custom", [("service.name", "bot"), ("service.version", "1.2.3"), ("deployment.environment.name", "Production")], span);
        var events = MappedEvents.Of(request);
        var body = events.Body(RootId);

        Assert.Equal("1.2.3", body.GetProperty("version").GetString());
        Assert.Equal("Production", body.GetProperty("environment").GetString());
        var metadata = body.GetProperty("metadata");
        Assert.Equal("bot", metadata.GetProperty("resourceAttributes").GetProperty("service.name").GetString());
        Assert.Equal("/chat", metadata.GetProperty("attributes").GetProperty("http.route").GetString());
        Assert.Equal("custom", metadata.GetProperty("scope").GetProperty("name").GetString());
        Assert.Equal(2, metadata.GetProperty("step").GetInt32());
        Assert.Equal("bot", events.Trace().GetProperty("metadata").GetProperty("resourceAttributes").GetProperty("service.name").GetString());
    }

    [Fact]
    public void Langfuse_sdk_spans_keep_no_raw_attribute_copy_in_metadata()
    {
        var metadata = MappedEvents.Of(Langfuse(NewSpan(RootId, null, ("http.route", "/chat")))).Body(RootId).GetProperty("metadata");

        Assert.False(metadata.TryGetProperty("attributes", out _));
        Assert.Equal("checkout", metadata.GetProperty("resourceAttributes").GetProperty("service.name").GetString());
    }

    [Theory]
    [InlineData("a,b , c")]
    [InlineData("[\"a\",\"b\",\"c\"]")]
    public void Tags_are_read_from_comma_separated_and_json_array_strings(string tags)
    {
        var trace = MappedEvents.Of(Langfuse(NewSpan(RootId, null, ("langfuse.trace.tags", tags)))).Trace();

        Assert.Equal(["a", "b", "c"], trace.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void User_and_session_ids_fall_back_through_their_aliases()
    {
        var span = NewSpan(ChildId, RootId, ("langfuse.trace.metadata.langfuse_user_id", "u-7"), ("gen_ai.conversation.id", "conv-1"));
        var trace = MappedEvents.Of(Export("any", [], span)).Trace();

        Assert.Equal("u-7", trace.GetProperty("userId").GetString());
        Assert.Equal("conv-1", trace.GetProperty("sessionId").GetString());
    }

    [Fact]
    public void Vercel_agent_spans_carry_no_model_usage_or_cost_so_nothing_is_counted_twice()
    {
        var span = NewSpan(RootId, null, ("gen_ai.operation.name", "invoke_agent"), ("gen_ai.request.model", "gpt-4o"),
            ("gen_ai.usage.input_tokens", 100), ("gen_ai.usage.cost", 1.0));
        var body = MappedEvents.Of(Export("ai", [], span)).Body(RootId);

        Assert.False(body.TryGetProperty("model", out _));
        Assert.False(body.TryGetProperty("usageDetails", out _));
        Assert.False(body.TryGetProperty("costDetails", out _));
    }

    [Fact]
    public void Events_are_deterministic_so_a_resent_export_merges_into_the_same_rows()
    {
        var request = Langfuse(NewSpan(RootId, null, ("user.id", "u")), NewSpan(ChildId, RootId));
        var first = MappedEvents.Of(request).All;
        var again = MappedEvents.Of(request.Clone()).All;

        Assert.Equal(first.Select(e => (e.EventId, e.Type, e.Timestamp, e.Body.GetRawText())), again.Select(e => (e.EventId, e.Type, e.Timestamp, e.Body.GetRawText())));
        Assert.Equal(first.Count, first.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public void Span_without_span_id_rejects_the_whole_export()
    {
        var broken = NewSpan(RootId, null);
        broken.SpanId = Google.Protobuf.ByteString.Empty;

        var mapping = OtlpSpanMapper.Map(Langfuse(NewSpan(ChildId, RootId), broken), MappedEvents.ReceivedAt);

        Assert.Contains("spanId", mapping.Error);
        Assert.Empty(mapping.Spans);
    }

    [Fact]
    public void Missing_times_borrow_the_other_edge_or_the_receive_time()
    {
        var noEnd = NewSpan(RootId, null);
        noEnd.EndTimeUnixNano = 0;
        var noTimes = NewSpan(ChildId, RootId);
        noTimes.StartTimeUnixNano = noTimes.EndTimeUnixNano = 0;
        var events = MappedEvents.Of(Langfuse(noEnd, noTimes));

        Assert.Equal(events.Body(RootId).GetProperty("startTime").GetString(), events.Body(RootId).GetProperty("endTime").GetString());
        Assert.Equal("2026-11-23T12:00:00.0000000Z", events.Body(ChildId).GetProperty("startTime").GetString());
    }

    [Fact]
    public void Event_type_spans_have_no_end_time()
    {
        var body = MappedEvents.Of(Langfuse(NewSpan(RootId, null, ("langfuse.observation.type", "event")))).Body(RootId);

        Assert.False(body.TryGetProperty("endTime", out _));
        Assert.Equal(JsonValueKind.String, body.GetProperty("startTime").ValueKind);
    }

    [Fact]
    public void GenAi_message_events_become_input_and_output()
    {
        var span = NewSpan(RootId, null, ("gen_ai.request.model", "gpt-4o"));
        span.Events.Add(MessageEvent("gen_ai.system.message", ("content", "be brief")));
        span.Events.Add(MessageEvent("gen_ai.user.message", ("content", "hi")));
        span.Events.Add(MessageEvent("gen_ai.choice", ("index", 0L), ("message", "{\"content\":\"hello\"}")));
        var body = MappedEvents.Of(Export("semconv", [], span)).Body(RootId);

        Assert.Equal("[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hi\"}]", body.GetProperty("input").GetRawText());
        Assert.Equal("hello", body.GetProperty("output")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public void OpenInference_input_and_output_values_are_used_when_langfuse_sets_none()
    {
        var span = NewSpan(RootId, null, ("openinference.span.kind", "RETRIEVER"), ("input.value", "{\"query\":\"sky\"}"), ("output.value", "plain text"));
        var body = MappedEvents.Of(Export("openinference.instrumentation", [], span)).Body(RootId);

        Assert.Equal("sky", body.GetProperty("input").GetProperty("query").GetString());
        Assert.Equal("plain text", body.GetProperty("output").GetString());
    }

    [Fact]
    public void Vercel_time_to_first_chunk_gives_the_completion_start_time()
    {
        var span = NewSpan(RootId, null, ("ai.operationId", "ai.streamText.doStream"), ("ai.model.id", "gpt-4o-mini"), ("ai.response.msToFirstChunk", 120.5));
        var observation = MappedEvents.Of(Export("ai", [], span)).Observation(RootId);

        Assert.Equal(IngestionEventType.GenerationCreate, observation.Type);
        Assert.Equal("gpt-4o-mini", observation.Body.GetProperty("model").GetString());
        Assert.Equal("2026-11-23T10:00:00.1205000Z", observation.Body.GetProperty("completionStartTime").GetString());
    }

    private static Span.Types.Event MessageEvent(string name, params (string Key, object Value)[] attributes)
    {
        var spanEvent = new Span.Types.Event { Name = name, TimeUnixNano = Nanos(Start) };
        spanEvent.Attributes.AddRange(attributes.Select(a => Attribute(a.Key, a.Value)));
        return spanEvent;
    }
}
