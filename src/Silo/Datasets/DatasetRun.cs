using System.Text.Json;

namespace Lantern.Silo.Datasets;

/// <summary>An experiment run of a dataset in Langfuse's <c>DatasetRun</c> shape.</summary>
public sealed record DatasetRun(
    string Id, string Name, string? Description, JsonElement? Metadata, string DatasetId, string DatasetName,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
