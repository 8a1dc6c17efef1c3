using System.Text.Json;
using Lantern.Silo.Datasets;

namespace Lantern.Api.Datasets;

/// <summary>Langfuse's <c>DatasetRunWithItems</c>: a run and every item it linked.</summary>
public sealed record DatasetRunWithItems(
    string Id, string Name, string? Description, JsonElement? Metadata, string DatasetId, string DatasetName,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<DatasetRunItem> DatasetRunItems);
