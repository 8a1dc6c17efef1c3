using System.Text.Json;
using Lantern.Contracts.Ingestion;
using Lantern.Silo.Cluster;

namespace Lantern.Api.Ingestion.Journal;

/// <summary>
/// One request's routed events as the journal holds them (<c>{"project", "batches": [{"id", "score", "events": [{"id",
/// "type", "timestamp", "body"}]}]}</c>), and read back as grain batches whose events point into one document, kept
/// until the batches are stored: the request's own buffers go back to their pool when it is answered.
/// </summary>
public sealed class JournalBatches : IDisposable
{
    private readonly JsonDocument _document;

    private JournalBatches(JsonDocument document, IReadOnlyList<PartitionBatch> batches) => (_document, Batches) = (document, batches);

    public IReadOnlyList<PartitionBatch> Batches { get; }

    /// <summary>The journal's bytes for a request's routes, in a pooled buffer to release once the batch is stored.</summary>
    public static PooledBody Serialize(string projectId, IngestionRoutes routes)
    {
        var buffer = new PooledBody(256 << 10);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("project", projectId);
            json.WriteStartArray("batches");
            Write(json, routes.Traces, score: false);
            Write(json, routes.Scores, score: true);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer;
    }

    public static JournalBatches Parse(ReadOnlyMemory<byte> payload)
    {
        var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var projectId = root.GetProperty("project").GetString()!;
        var batches = root.GetProperty("batches").EnumerateArray().Select(batch => new PartitionBatch(
            projectId,
            batch.GetProperty("id").GetString()!,
            batch.GetProperty("score").GetBoolean(),
            [.. batch.GetProperty("events").EnumerateArray().Select(e => new IngestionEvent(
                e.GetProperty("id").GetString()!,
                (IngestionEventType)e.GetProperty("type").GetInt32(),
                e.GetProperty("timestamp").GetDateTimeOffset(),
                e.GetProperty("body")))])).ToList();
        return new JournalBatches(document, batches);
    }

    public void Dispose() => _document.Dispose();

    private static void Write(Utf8JsonWriter json, Dictionary<string, List<IngestionEvent>> routes, bool score)
    {
        foreach (var (id, events) in routes)
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteBoolean("score", score);
            json.WriteStartArray("events");
            foreach (var @event in events)
            {
                json.WriteStartObject();
                json.WriteString("id", @event.EventId);
                json.WriteNumber("type", (int)@event.Type);
                json.WriteString("timestamp", @event.Timestamp);
                json.WritePropertyName("body");
                @event.Body.WriteTo(json);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
    }
}
