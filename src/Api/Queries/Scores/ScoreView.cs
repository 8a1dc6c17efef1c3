using System.Text.Json;

namespace Lantern.Api.Queries.Scores;

/// <summary>A score as Langfuse reads it; <c>stringValue</c> is set for BOOLEAN, CATEGORICAL, CORRECTION and TEXT scores.</summary>
public sealed record ScoreView(
    string Id,
    string ProjectId,
    string? TraceId,
    string? ObservationId,
    string? SessionId,
    string? DatasetRunId,
    string Name,
    double? Value,
    string? StringValue,
    string DataType,
    string Source,
    string? Comment,
    JsonElement? Metadata,
    string? ConfigId,
    string? QueueId,
    string? AuthorUserId,
    string Environment,
    DateTimeOffset Timestamp,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
