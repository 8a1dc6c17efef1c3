using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lantern.Contracts.Ingestion;
using Lantern.Silo.Traces;

namespace Lantern.Api.Ingestion;

/// <summary>
/// Decides which grain owns each event. Observations without <c>traceId</c> go to the trace their id already belongs to
/// (in this batch or in storage), else to an orphan trace whose id is derived from the observation id: Langfuse picks a
/// random one, which would fork a duplicate on every resend.
/// </summary>
public sealed class EventRouter(ObservationTraceLookup lookup)
{
    public async Task<IngestionRoutes> RouteAsync(string projectId, IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken)
    {
        var routes = new IngestionRoutes();
        var knownTraces = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var @event in events)
        {
            if (@event.Type.IsObservation() && Text(@event.Body, "id") is { } id && Text(@event.Body, "traceId") is { } traceId)
            {
                knownTraces.TryAdd(id, traceId);
            }
        }

        var withoutTrace = events
            .Where(e => e.Type.IsObservation() && Text(e.Body, "traceId") is null && !knownTraces.ContainsKey(Text(e.Body, "id")!))
            .Select(e => Text(e.Body, "id")!)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (id, traceId) in await lookup.FindAsync(projectId, withoutTrace, cancellationToken))
        {
            knownTraces[id] = traceId;
        }

        foreach (var @event in events)
        {
            Route(projectId, @event, knownTraces, routes);
        }

        return routes;
    }

    private static void Route(string projectId, IngestionEvent @event, Dictionary<string, string> knownTraces, IngestionRoutes routes)
    {
        var id = Text(@event.Body, "id");
        switch (@event.Type)
        {
            case IngestionEventType.TraceCreate when id is not null:
                IngestionRoutes.Add(routes.Traces, id, @event);
                break;
            case IngestionEventType.ScoreCreate when id is not null:
                if (Text(@event.Body, "traceId") is { } scoredTrace)
                {
                    IngestionRoutes.Add(routes.Traces, scoredTrace, @event);
                }
                else
                {
                    IngestionRoutes.Add(routes.Scores, id, @event);
                }

                break;
            case IngestionEventType.TraceCreate or IngestionEventType.ScoreCreate:
                routes.Unstored.Add(@event);
                break;
            default:
                var traceId = Text(@event.Body, "traceId") ?? knownTraces.GetValueOrDefault(id!) ?? OrphanTraceId(projectId, id!);
                IngestionRoutes.Add(routes.Traces, traceId, @event);
                break;
        }
    }

    /// <summary>A stable UUID for the trace of an observation sent without one.</summary>
    public static string OrphanTraceId(string projectId, string observationId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"orphan\n{projectId}\n{observationId}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
