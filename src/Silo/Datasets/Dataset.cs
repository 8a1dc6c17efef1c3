using System.Text.Json;

namespace Lantern.Silo.Datasets;

/// <summary>A dataset row; its shape is Langfuse's <c>Dataset</c>, so the API returns it as is.</summary>
public sealed record Dataset(
    string Id, string Name, string? Description, JsonElement? Metadata, JsonElement? InputSchema, JsonElement? ExpectedOutputSchema,
    string ProjectId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
