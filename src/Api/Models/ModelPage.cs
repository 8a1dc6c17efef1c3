namespace Lantern.Api.Models;

/// <summary>Langfuse's <c>PaginatedModels</c>.</summary>
public sealed record ModelPage(IReadOnlyList<ModelResponse> Data, PageMeta Meta);
