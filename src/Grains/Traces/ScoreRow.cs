namespace Lantern.Grains.Traces;

/// <summary>A score as stored.</summary>
public sealed record ScoreRow(
    string ProjectId,
    string Id,
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
    string? MetadataJson,
    string? ConfigId,
    string? QueueId,
    string Environment,
    DateTimeOffset Timestamp,
    string FieldsJson);
