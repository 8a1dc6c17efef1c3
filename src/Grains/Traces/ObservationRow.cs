namespace Lantern.Grains.Traces;

/// <summary>An observation as stored: typed columns for filtering plus the merged payloads.</summary>
public sealed record ObservationRow(
    string ProjectId,
    string Id,
    string TraceId,
    string Type,
    string? Name,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    DateTimeOffset? CompletionStartTime,
    string? ParentObservationId,
    string Level,
    string? StatusMessage,
    string? Version,
    string Environment,
    string? Model,
    string? ModelParametersJson,
    string? InputJson,
    string? OutputJson,
    string? MetadataJson,
    ObservationCost Cost,
    string? PromptName,
    int? PromptVersion,
    string FieldsJson)
{
    public double? LatencySeconds => EndTime is { } end ? (end - StartTime).TotalSeconds : null;

    public double? TimeToFirstTokenSeconds => CompletionStartTime is { } first ? (first - StartTime).TotalSeconds : null;
}
