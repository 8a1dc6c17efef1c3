using System.Text;
using Google.Protobuf;
using Lantern.Api.Otel;
using Lantern.Api.Otel.Protos;
using static Lantern.Tests.Otel.OtlpBuilder;

namespace Lantern.Tests.Otel;

public sealed class OtlpRequestDecoderTests
{
    /// <summary>An export as @opentelemetry/otlp-transformer writes it (JS SDK v5): hex ids, nanoseconds as strings.</summary>
    private const string JsExport = """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"web"}}],"droppedAttributesCount":0},
          "scopeSpans":[{"scope":{"name":"langfuse-sdk","version":"5.11.1"},
            "spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"00f067aa0ba902b7","parentSpanId":"b7ad6b7169203331",
              "name":"llm-call","kind":1,"startTimeUnixNano":"1795428000000000000","endTimeUnixNano":"1795428001500000000",
              "attributes":[{"key":"gen_ai.usage.input_tokens","value":{"intValue":42}},{"key":"ok","value":{"boolValue":true}},
                            {"key":"ratio","value":{"doubleValue":0.5}},{"key":"list","value":{"arrayValue":{"values":[{"stringValue":"a"}]}}}],
              "droppedAttributesCount":0,"events":[],"droppedEventsCount":0,"status":{"code":2,"message":"boom"},"links":[],"droppedLinksCount":0,
              "unknownFutureField":{"x":1}}]}]}]}
        """;

    [Fact]
    public void Protobuf_export_round_trips()
    {
        var request = Langfuse(NewSpan(RootId, null, ("user.id", "u-1"), ("tokens", 12L), ("ratio", 0.25), ("tags", new[] { "a", "b" })));

        var (decoded, error) = OtlpRequestDecoder.Decode(request.ToByteArray(), json: false);

        Assert.Null(error);
        Assert.Equal(request, decoded);
    }

    [Fact]
    public void Json_export_from_the_js_sdk_decodes_hex_ids_string_nanoseconds_and_numeric_enums()
    {
        var (decoded, error) = OtlpRequestDecoder.Decode(Encoding.UTF8.GetBytes(JsExport), json: true);

        Assert.Null(error);
        var span = decoded!.ResourceSpans[0].ScopeSpans[0].Spans[0];
        Assert.Equal(TraceId, Convert.ToHexStringLower(span.TraceId.Span));
        Assert.Equal(ChildId, Convert.ToHexStringLower(span.SpanId.Span));
        Assert.Equal(RootId, Convert.ToHexStringLower(span.ParentSpanId.Span));
        Assert.Equal(1795428000000000000UL, span.StartTimeUnixNano);
        Assert.Equal(Span.Types.SpanKind.Internal, span.Kind);
        Assert.Equal(Status.Types.StatusCode.Error, span.Status.Code);
        Assert.Equal(42, span.Attributes[0].Value.IntValue);
        Assert.True(span.Attributes[1].Value.BoolValue);
        Assert.Equal("a", span.Attributes[3].Value.ArrayValue.Values[0].StringValue);
        Assert.Equal("web", decoded.ResourceSpans[0].Resource.Attributes[0].Value.StringValue);
    }

    [Fact]
    public void Json_export_accepts_enum_names_proto_field_names_and_long_objects()
    {
        const string export = """
            {"resource_spans":[{"scope_spans":[{"spans":[{"trace_id":"0AF7651916CD43DD8448EB211C80319C","span_id":"b7ad6b7169203331",
              "kind":"SPAN_KIND_CLIENT","start_time_unix_nano":{"low":1,"high":1},"end_time_unix_nano":1795428001500000001,
              "attributes":[{"key":"n","value":{"intValue":"9007199254740993"}}],"status":{"code":"STATUS_CODE_OK"}}]}]}]}
            """;

        var (decoded, error) = OtlpRequestDecoder.Decode(Encoding.UTF8.GetBytes(export), json: true);

        Assert.Null(error);
        var span = decoded!.ResourceSpans[0].ScopeSpans[0].Spans[0];
        Assert.Equal(TraceId, Convert.ToHexStringLower(span.TraceId.Span));
        Assert.Equal(Span.Types.SpanKind.Client, span.Kind);
        Assert.Equal((1UL << 32) + 1, span.StartTimeUnixNano);
        Assert.Equal(1795428001500000001UL, span.EndTimeUnixNano);
        Assert.Equal(9007199254740993L, span.Attributes[0].Value.IntValue);
        Assert.Equal(Status.Types.StatusCode.Ok, span.Status.Code);
    }

    [Fact]
    public void Proto3_json_with_base64_ids_is_accepted_too()
    {
        var request = Langfuse(NewSpan(ChildId, RootId, ("k", "v")));

        var (decoded, error) = OtlpRequestDecoder.Decode(Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(request)), json: true);

        Assert.Null(error);
        Assert.Equal(request, decoded);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":{\"spans\":[]}}]}")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":{\"key\":\"a\"}}]}]}]}")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"zz-not-an-id\"}]}]}]}")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"yesterday\"}]}]}]}")]
    public void Malformed_json_is_reported_not_thrown(string body)
    {
        var (decoded, error) = OtlpRequestDecoder.Decode(Encoding.UTF8.GetBytes(body), json: true);

        Assert.Null(decoded);
        Assert.StartsWith("Failed to parse OTel JSON Trace", error);
    }

    [Fact]
    public void Malformed_protobuf_is_reported_not_thrown()
    {
        var (decoded, error) = OtlpRequestDecoder.Decode(Encoding.UTF8.GetBytes("{\"resourceSpans\":[]}"), json: false);

        Assert.Null(decoded);
        Assert.StartsWith("Failed to parse OTel Protobuf Trace", error);
    }
}
