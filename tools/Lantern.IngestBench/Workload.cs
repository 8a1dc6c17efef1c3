using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Lantern.IngestBench;

/// <summary>
/// The workload the peers were measured on: per trace, trace-create, span-create, span-update, generation-create (model,
/// parameters, chat input), generation-update (output, usage) and a trace upsert with the output; users and sessions drawn
/// from fixed populations; each event padded to about the requested size. Written with Utf8JsonWriter so the generator
/// stays cheap next to the server on a shared box.
/// </summary>
internal sealed class Workload(BenchOptions options, TraceIds ids, string? session = null)
{
    public const int EventsPerTrace = 6;
    private const int BaseEventBytes = 330;
    private readonly string _padding = PayloadText.Of(options.Payload, Math.Max(0, options.EventBytes - BaseEventBytes));
    private long _next;

    public TraceIds Ids => ids;

    /// <summary>How many traces the batches built so far hold: the index the next batch starts at.</summary>
    public long TracesIssued => Interlocked.Read(ref _next);

    /// <summary>
    /// The id of a trace's k-th event (0..5 in the order above): deterministic, so an acknowledged id says which row and
    /// which change must be stored.
    /// </summary>
    public static string EventId(string traceId, int kind) => $"{traceId}-e{kind}";

    /// <summary>Builds the next batch; returns its body and the id of its first trace (the one probed for visibility).</summary>
    public (byte[] Body, long FirstTrace) NextBatch()
    {
        var first = Interlocked.Add(ref _next, options.TracesPerBatch) - options.TracesPerBatch;
        var buffer = new ArrayBufferWriter<byte>(options.EventsPerBatch * (options.EventBytes + 64));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("batch");
            for (var i = first; i < first + options.TracesPerBatch; i++)
            {
                WriteTrace(json, i);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return (buffer.WrittenSpan.ToArray(), first);
    }

    private void WriteTrace(Utf8JsonWriter json, long index)
    {
        var now = DateTimeOffset.UtcNow;
        var traceId = ids.Of(index);
        var (spanId, generationId) = ($"{traceId}-s", $"{traceId}-g");
        var user = $"user-{Random.Shared.Next(options.Users)}";
        var traceSession = session ?? $"session-{Random.Shared.Next(options.Sessions)}";

        Event(json, EventId(traceId, 0), "trace-create", now, b =>
        {
            b.WriteString("id", traceId);
            b.WriteString("name", "chat-completion");
            b.WriteString("userId", user);
            b.WriteString("sessionId", traceSession);
            b.WriteString("timestamp", Iso(now));
            b.WriteStartArray("tags");
            b.WriteStringValue("bench");
            b.WriteEndArray();
            b.WriteStartObject("metadata");
            b.WriteString("padding", _padding);
            b.WriteEndObject();
        });
        Event(json, EventId(traceId, 1), "span-create", now, b =>
        {
            b.WriteString("id", spanId);
            b.WriteString("traceId", traceId);
            b.WriteString("name", "retrieve-context");
            b.WriteString("startTime", Iso(now));
            b.WriteStartObject("input");
            b.WriteString("query", _padding);
            b.WriteEndObject();
        });
        Event(json, EventId(traceId, 2), "span-update", now, b =>
        {
            b.WriteString("id", spanId);
            b.WriteString("traceId", traceId);
            b.WriteString("endTime", Iso(now.AddMilliseconds(40)));
            b.WriteStartObject("output");
            b.WriteString("documents", _padding);
            b.WriteEndObject();
        });
        Event(json, EventId(traceId, 3), "generation-create", now, b =>
        {
            b.WriteString("id", generationId);
            b.WriteString("traceId", traceId);
            b.WriteString("parentObservationId", spanId);
            b.WriteString("name", "llm");
            b.WriteString("model", "gpt-4o");
            b.WriteString("startTime", Iso(now.AddMilliseconds(40)));
            b.WriteStartObject("modelParameters");
            b.WriteNumber("temperature", 0.7);
            b.WriteNumber("max_tokens", 512);
            b.WriteEndObject();
            b.WriteStartArray("input");
            Message(b, "system", "You are a helpful assistant.");
            Message(b, "user", _padding);
            b.WriteEndArray();
        });
        Event(json, EventId(traceId, 4), "generation-update", now, b =>
        {
            b.WriteString("id", generationId);
            b.WriteString("traceId", traceId);
            b.WriteString("endTime", Iso(now.AddMilliseconds(900)));
            b.WriteString("completionStartTime", Iso(now.AddMilliseconds(300)));
            b.WriteStartObject("output");
            b.WriteString("role", "assistant");
            b.WriteString("content", _padding);
            b.WriteEndObject();
            b.WriteStartObject("usageDetails");
            b.WriteNumber("input", 300 + (index % 200));
            b.WriteNumber("output", 100 + (index % 100));
            b.WriteEndObject();
        });
        Event(json, EventId(traceId, 5), "trace-create", now, b =>
        {
            b.WriteString("id", traceId);
            b.WriteStartObject("output");
            b.WriteString("answer", _padding);
            b.WriteEndObject();
        });
    }

    private static void Message(Utf8JsonWriter json, string role, string content)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteString("content", content);
        json.WriteEndObject();
    }

    private static void Event(Utf8JsonWriter json, string id, string type, DateTimeOffset time, Action<Utf8JsonWriter> body)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("type", type);
        json.WriteString("timestamp", Iso(time));
        json.WriteStartObject("body");
        body(json);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
