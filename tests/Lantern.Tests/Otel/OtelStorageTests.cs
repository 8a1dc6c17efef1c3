using System.Net;
using System.Text.Json;
using Google.Protobuf;
using Lantern.Api.Otel.Protos;
using Lantern.Tests.Infrastructure;
using static Lantern.Tests.Otel.OtlpBuilder;

namespace Lantern.Tests.Otel;

/// <summary>OTLP exports through the real node into PostgreSQL: what a Langfuse OTel SDK user finds stored.</summary>
public sealed class OtelStorageTests(OtelAppFixture node) : IClassFixture<OtelAppFixture>
{
    [Fact]
    public async Task A_gzipped_protobuf_export_like_the_python_sdk_sends_is_stored_field_by_field()
    {
        var traceId = NewTraceId();
        var root = WithTrace(NewSpan(RootId, null, ("langfuse.trace.name", "ask"), ("user.id", "user-1"), ("session.id", "session-1"),
            ("langfuse.trace.tags", new[] { "web", "beta" }), ("langfuse.environment", "Staging"), ("langfuse.release", "r-1"),
            ("langfuse.observation.input", "{\"question\":\"why?\"}"), ("langfuse.observation.output", "\"because\"")), traceId);
        root.Name = "handle-request";
        var generation = WithTrace(NewSpan(ChildId, RootId, ("langfuse.observation.type", "generation"), ("langfuse.observation.model.name", "gpt-4o"),
            ("langfuse.observation.usage_details", "{\"input\":1000,\"output\":500}"), ("langfuse.observation.cost_details", "{\"input\":0.01,\"output\":0.02}"),
            ("langfuse.environment", "Staging"), ("user.id", "user-1")), traceId);
        generation.Name = "llm-call";
        generation.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "rate limited" };
        var request = Export("langfuse-sdk", [("service.name", "bot"), ("service.version", "2.0.0"), ("telemetry.sdk.language", "python")], generation, root);

        var response = await node.Client.SendAsync(OtlpPost.Protobuf(request.ToByteArray(), gzip: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new ExportTraceServiceResponse(), ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync()));
        var trace = Assert.Single(await Sql.RowsAsync(node.App.ConnectionString, "SELECT * FROM traces WHERE id = $1", traceId));
        Assert.Equal(("ask", "user-1", "session-1", "staging", "r-1", "2.0.0"),
            ((string)trace["name"]!, (string)trace["user_id"]!, (string)trace["session_id"]!, (string)trace["environment"]!,
             (string)trace["release"]!, (string)trace["version"]!));
        Assert.Equal(["beta", "web"], (string[])trace["tags"]!);
        Assert.Equal(Start.UtcDateTime, (DateTime)trace["timestamp"]!);
        Assert.Equal("why?", Json(trace["input"]).GetProperty("question").GetString());
        Assert.Equal("bot", Json(trace["metadata"]).GetProperty("resourceAttributes").GetProperty("service.name").GetString());
        Assert.Equal(0.03m, (decimal)trace["total_cost"]!);
        Assert.Equal(2, (int)trace["observation_count"]!);

        var observations = await Sql.RowsAsync(node.App.ConnectionString, "SELECT * FROM observations WHERE trace_id = $1 ORDER BY type", traceId);
        Assert.Equal(["GENERATION", "SPAN"], observations.Select(o => (string)o["type"]!));
        var llm = observations[0];
        Assert.Equal((ChildId, RootId, "llm-call", "gpt-4o", "ERROR", "rate limited"),
            ((string)llm["id"]!, (string)llm["parent_observation_id"]!, (string)llm["name"]!, (string)llm["model"]!,
             (string)llm["level"]!, (string)llm["status_message"]!));
        Assert.Equal(1000, Json(llm["usage_details"]).GetProperty("input").GetInt64());
        Assert.Equal(Start.AddMilliseconds(1500).UtcDateTime, (DateTime)llm["end_time"]!);
        Assert.Equal("because", Json(observations[1]["output"]).GetString());
    }

    [Fact]
    public async Task A_json_export_sent_twice_and_a_root_exported_after_its_children_give_one_trace_without_duplicates()
    {
        var traceId = NewTraceId();
        var child = WithTrace(NewSpan(ChildId, RootId, ("langfuse.observation.type", "tool"), ("session.id", "s-9")), traceId);
        var root = WithTrace(NewSpan(RootId, null), traceId);
        root.Name = "agent-run";
        root.StartTimeUnixNano = Nanos(Start.AddSeconds(-1));
        var children = JsonExport(Langfuse(child));

        Assert.Equal(HttpStatusCode.OK, (await node.Client.SendAsync(OtlpPost.Json(children))).StatusCode);
        var resent = await node.Client.SendAsync(OtlpPost.Json(children, gzip: true));
        var rootResponse = await node.Client.SendAsync(OtlpPost.Json(JsonExport(Langfuse(root))));

        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal("{}", await rootResponse.Content.ReadAsStringAsync());
        var trace = Assert.Single(await Sql.RowsAsync(node.App.ConnectionString, "SELECT * FROM traces WHERE id = $1", traceId));
        Assert.Equal(("agent-run", "s-9", Start.AddSeconds(-1).UtcDateTime),
            ((string)trace["name"]!, (string)trace["session_id"]!, (DateTime)trace["timestamp"]!));
        Assert.Equal(2, (int)trace["observation_count"]!);
        Assert.Equal(2L, await Sql.ScalarAsync<long>(node.App.ConnectionString, "SELECT count(*) FROM observations WHERE trace_id = $1", traceId));
        Assert.Equal("TOOL", await Sql.ScalarAsync<string>(node.App.ConnectionString, "SELECT type FROM observations WHERE id = $1", ChildId));
    }

    /// <summary>OTLP/JSON as the JS exporter writes it: the proto3 JSON mapping with hex ids.</summary>
    private static string JsonExport(ExportTraceServiceRequest request)
    {
        var json = JsonFormatter.Default.Format(request);
        foreach (var span in request.ResourceSpans.SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans))
        {
            foreach (var id in new[] { span.TraceId, span.SpanId, span.ParentSpanId }.Where(i => !i.IsEmpty))
            {
                json = json.Replace($"\"{id.ToBase64()}\"", $"\"{Convert.ToHexStringLower(id.Span)}\"", StringComparison.Ordinal);
            }
        }

        return json;
    }

    private static Span WithTrace(Span span, string traceId)
    {
        span.TraceId = ByteString.CopyFrom(Convert.FromHexString(traceId));
        return span;
    }

    private static string NewTraceId() => Guid.NewGuid().ToString("N");

    private static JsonElement Json(object? column) => JsonDocument.Parse((string)column!).RootElement;
}
