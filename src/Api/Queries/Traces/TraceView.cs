using System.Text.Json;

namespace Lantern.Api.Queries.Traces;

/// <summary>A trace as Langfuse returns it in lists (<c>TraceWithDetails</c>): ids of its observations and scores.</summary>
public sealed record TraceView(
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
    IReadOnlyList<string> Observations,
    IReadOnlyList<string> Scores);
