namespace Lantern.Grains.Traces;

/// <summary>A trace as stored, with the aggregates of its observations that list queries sort and filter on.</summary>
public sealed record TraceRow(
    string ProjectId,
    string Id,
    DateTimeOffset Timestamp,
    string? Name,
    string? UserId,
    string? SessionId,
    string? Release,
    string? Version,
    string Environment,
    bool Public,
    IReadOnlyList<string> Tags,
    string? InputJson,
    string? OutputJson,
    string? MetadataJson,
    decimal TotalCost,
    double Latency,
    int ObservationCount,
    string FieldsJson);
