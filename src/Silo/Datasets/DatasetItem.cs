using System.Text.Json;

namespace Lantern.Silo.Datasets;

/// <summary>A dataset item row in Langfuse's <c>DatasetItem</c> shape.</summary>
public sealed record DatasetItem(
    string Id, string Status, JsonElement? Input, JsonElement? ExpectedOutput, JsonElement? Metadata, string? SourceTraceId,
    string? SourceObservationId, string DatasetId, string DatasetName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public IReadOnlyList<object> MediaReferences => [];
}
