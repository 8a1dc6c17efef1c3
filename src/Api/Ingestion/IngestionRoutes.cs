using Lantern.Contracts.Ingestion;

namespace Lantern.Api.Ingestion;

/// <summary>A batch's events grouped by the grain that owns them.</summary>
public sealed class IngestionRoutes
{
    /// <summary>Events by trace id: trace, observation and trace-score events.</summary>
    public Dictionary<string, List<IngestionEvent>> Traces { get; } = new(StringComparer.Ordinal);

    /// <summary>Events by score id: scores on sessions and dataset runs.</summary>
    public Dictionary<string, List<IngestionEvent>> Scores { get; } = new(StringComparer.Ordinal);

    /// <summary>Acknowledged but not stored, as Langfuse does: traces and scores without <c>body.id</c>.</summary>
    public List<IngestionEvent> Unstored { get; } = [];

    public static void Add(Dictionary<string, List<IngestionEvent>> routes, string key, IngestionEvent @event)
    {
        if (!routes.TryGetValue(key, out var events))
        {
            routes[key] = events = [];
        }

        events.Add(@event);
    }
}
