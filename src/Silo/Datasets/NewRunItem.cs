namespace Lantern.Silo.Datasets;

/// <summary>A validated run item: the run is created by name within the item's dataset when missing.</summary>
public sealed record NewRunItem(
    string RunName, string? RunDescription, string? Metadata, string DatasetItemId, string? TraceId, string? ObservationId);
