using System.Text.Json;
using System.Text.Json.Nodes;
using Lantern.Contracts.Ingestion;

namespace Lantern.Silo.Evaluators;

/// <summary>
/// The <c>security:flagged</c> tag evaluators put on a trace when any of its texts is flagged, so flagged traces can be
/// listed with the query API's <c>tags</c> filter. It is a trace upsert carrying only the tag: tags merge as a union.
/// </summary>
public static class SecurityFlag
{
    public const string Tag = "security:flagged";

    public static IngestionEvent Event(string projectId, string traceId, DateTimeOffset now)
    {
        var body = new JsonObject { ["id"] = traceId, ["tags"] = new JsonArray(Tag) };
        var eventId = EvaluationScore.DeterministicGuid($"flag\n{projectId}\n{traceId}");
        return new IngestionEvent(eventId, IngestionEventType.TraceCreate, now, JsonSerializer.SerializeToElement(body));
    }
}
