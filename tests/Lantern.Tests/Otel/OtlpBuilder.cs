using Google.Protobuf;
using Lantern.Api.Otel.Protos;

namespace Lantern.Tests.Otel;

/// <summary>Builds OTLP exports for tests: spans with attributes under a resource and an instrumentation scope.</summary>
public static class OtlpBuilder
{
    public const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    public const string RootId = "b7ad6b7169203331";
    public const string ChildId = "00f067aa0ba902b7";
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static Span NewSpan(string spanId, string? parentId, params (string Key, object Value)[] attributes)
    {
        var span = new Span
        {
            TraceId = ByteString.CopyFrom(Convert.FromHexString(TraceId)),
            SpanId = ByteString.CopyFrom(Convert.FromHexString(spanId)),
            Name = "work",
            Kind = Span.Types.SpanKind.Internal,
            StartTimeUnixNano = Nanos(Start),
            EndTimeUnixNano = Nanos(Start.AddMilliseconds(1500)),
        };
        if (parentId is not null)
        {
            span.ParentSpanId = ByteString.CopyFrom(Convert.FromHexString(parentId));
        }

        span.Attributes.AddRange(attributes.Select(a => Attribute(a.Key, a.Value)));
        return span;
    }

    public static ExportTraceServiceRequest Export(string scope, IEnumerable<(string Key, object Value)> resource, params Span[] spans)
    {
        var scopeSpans = new ScopeSpans { Scope = new InstrumentationScope { Name = scope, Version = "5.11.1" } };
        scopeSpans.Spans.AddRange(spans);
        var resourceSpans = new ResourceSpans { Resource = new Resource() };
        resourceSpans.Resource.Attributes.AddRange(resource.Select(a => Attribute(a.Key, a.Value)));
        resourceSpans.ScopeSpans.Add(scopeSpans);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(resourceSpans);
        return request;
    }

    public static ExportTraceServiceRequest Langfuse(params Span[] spans) =>
        Export("langfuse-sdk", [("service.name", "checkout"), ("telemetry.sdk.language", "nodejs")], spans);

    public static ulong Nanos(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100;

    public static KeyValue Attribute(string key, object value) => new() { Key = key, Value = Value(value) };

    private static AnyValue Value(object value) => value switch
    {
        string s => new AnyValue { StringValue = s },
        bool b => new AnyValue { BoolValue = b },
        int i => new AnyValue { IntValue = i },
        long l => new AnyValue { IntValue = l },
        double d => new AnyValue { DoubleValue = d },
        string[] items => Array(items.Select(i => new AnyValue { StringValue = i })),
        _ => throw new ArgumentException($"unsupported attribute value {value.GetType()}", nameof(value)),
    };

    private static AnyValue Array(IEnumerable<AnyValue> values)
    {
        var array = new ArrayValue();
        array.Values.AddRange(values);
        return new AnyValue { ArrayValue = array };
    }
}
