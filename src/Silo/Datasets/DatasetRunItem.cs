namespace Lantern.Silo.Datasets;

/// <summary>Links a dataset item to the trace (and observation) a run produced for it: Langfuse's <c>DatasetRunItem</c>.</summary>
public sealed record DatasetRunItem(
    string Id, string DatasetRunId, string DatasetRunName, string DatasetItemId, string TraceId, string? ObservationId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
