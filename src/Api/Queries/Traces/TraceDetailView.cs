using System.Text.Json;
using Lantern.Api.Queries.Observations;
using Lantern.Api.Queries.Scores;

namespace Lantern.Api.Queries.Traces;

/// <summary><c>TraceWithFullDetails</c>: the trace with its observations and scores in full.</summary>
public sealed record TraceDetailView(
    string Id,
    string ProjectId,
    DateTimeOffset Timestamp,
    string? Name,
    JsonElement? Input,
    JsonElement? Output,
    string? SessionId,
    string? Release,
    string? Version,
    string? UserId,
    JsonElement? Metadata,
    IReadOnlyList<string> Tags,
    bool Public,
    bool Bookmarked,
    string Environment,
    string? ExternalId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string HtmlPath,
    double Latency,
    decimal TotalCost,
    IReadOnlyList<ObservationView> Observations,
    IReadOnlyList<ScoreView> Scores)
{
    public static TraceDetailView Of(TraceView trace, IReadOnlyList<ObservationView> observations, IReadOnlyList<ScoreView> scores) => new(
        trace.Id, trace.ProjectId, trace.Timestamp, trace.Name, trace.Input, trace.Output, trace.SessionId, trace.Release, trace.Version,
        trace.UserId, trace.Metadata, trace.Tags, trace.Public, trace.Bookmarked, trace.Environment, trace.ExternalId, trace.CreatedAt,
        trace.UpdatedAt, trace.HtmlPath, trace.Latency, trace.TotalCost, observations, scores);
}
