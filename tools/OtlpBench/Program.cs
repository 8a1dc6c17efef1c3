using System.Diagnostics;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Lantern.Api.Otel;
using Lantern.Api.Otel.Mapping;
using Lantern.Api.Otel.Protos;

// Prints how fast an OTLP export is decoded and mapped to ingestion events (the CPU the endpoint spends before storage),
// for protobuf (Python SDK) and JSON (JS SDK) bodies of 512 spans, the exporters' default batch size.
// Run: dotnet run -c Release --project tools/OtlpBench
const int SpansPerExport = 512;
const int Rounds = 40;

var request = Export();
var protobuf = request.ToByteArray();
var json = Encoding.UTF8.GetBytes(HexIds(JsonFormatter.Default.Format(request), request));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"export: {SpansPerExport} spans, protobuf {protobuf.Length / 1024} KiB, JSON {json.Length / 1024} KiB"));
Measure("protobuf", protobuf, isJson: false);
Measure("json", json, isJson: true);

static void Measure(string name, byte[] body, bool isJson)
{
    var events = 0;
    for (var warmup = 0; warmup < 5; warmup++)
    {
        events = Run(body, isJson);
    }

    var clock = Stopwatch.StartNew();
    for (var round = 0; round < Rounds; round++)
    {
        Run(body, isJson);
    }

    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-8} {Rounds * SpansPerExport / seconds,10:N0} spans/s  {seconds / Rounds * 1000,7:N2} ms/export  {events} events/export"));
}

static int Run(byte[] body, bool isJson)
{
    var (request, error) = OtlpRequestDecoder.Decode(body, isJson);
    var mapping = OtlpSpanMapper.Map(request ?? throw new InvalidOperationException(error), DateTimeOffset.UtcNow);
    return mapping.Spans.Sum(s => s.Events.Count);
}

static ExportTraceServiceRequest Export()
{
    var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "langfuse-sdk", Version = "5.11.1" } };
    var traceId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray());
    var start = (ulong)(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
    var prompt = new string('x', 800);
    for (var i = 0; i < SpansPerExport; i++)
    {
        var span = new Span
        {
            TraceId = i % 8 == 0 ? traceId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()) : traceId,
            SpanId = ByteString.CopyFrom(BitConverter.GetBytes((long)i + 1)),
            Name = "llm-call",
            StartTimeUnixNano = start,
            EndTimeUnixNano = start + 1_000_000,
        };
        Add(span, "langfuse.observation.type", "generation");
        Add(span, "langfuse.observation.model.name", "gpt-4o");
        Add(span, "langfuse.observation.input", $"[{{\"role\":\"user\",\"content\":\"{prompt}\"}}]");
        Add(span, "langfuse.observation.output", $"{{\"role\":\"assistant\",\"content\":\"{prompt}\"}}");
        Add(span, "langfuse.observation.usage_details", "{\"input\":1000,\"output\":500}");
        Add(span, "user.id", "user-1");
        Add(span, "session.id", "session-1");
        Add(span, "langfuse.environment", "production");
        scope.Spans.Add(span);
    }

    var resource = new ResourceSpans { Resource = new Resource() };
    resource.Resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "bench" } });
    resource.ScopeSpans.Add(scope);
    var export = new ExportTraceServiceRequest();
    export.ResourceSpans.Add(resource);
    return export;
}

static void Add(Span span, string key, string value) =>
    span.Attributes.Add(new KeyValue { Key = key, Value = new AnyValue { StringValue = value } });

static string HexIds(string json, ExportTraceServiceRequest request)
{
    var ids = request.ResourceSpans[0].ScopeSpans[0].Spans.SelectMany(s => new[] { s.TraceId, s.SpanId }).Distinct();
    var builder = new StringBuilder(json);
    foreach (var id in ids)
    {
        builder.Replace($"\"{id.ToBase64()}\"", $"\"{Convert.ToHexStringLower(id.Span)}\"");
    }

    return builder.ToString();
}
