namespace Lantern.Silo.Prompts;

/// <summary>The filters of <c>GET /api/public/v2/prompts</c>; each applies to versions before they are grouped by name.</summary>
public sealed record PromptListFilter(string? Name, string? Label, string? Tag, DateTimeOffset? FromUpdatedAt, DateTimeOffset? ToUpdatedAt);
