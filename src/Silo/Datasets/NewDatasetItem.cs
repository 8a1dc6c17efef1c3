namespace Lantern.Silo.Datasets;

/// <summary>A validated item upsert; null fields keep the stored values of an existing item. JSON fields are raw text.</summary>
public sealed record NewDatasetItem(
    string Id, string DatasetName, string? Input, string? ExpectedOutput, string? Metadata, string? SourceTraceId,
    string? SourceObservationId, string? Status);
