using System.Text.Json;
using Lantern.Silo.Prompts;

namespace Lantern.Api.Prompts;

/// <summary>Langfuse's <c>PromptMeta</c>: one prompt name in <c>GET /api/public/v2/prompts</c>.</summary>
public sealed record PromptListItem(string Name, string Type, IReadOnlyList<int> Versions, IReadOnlyList<string> Labels, IReadOnlyList<string> Tags, DateTimeOffset LastUpdatedAt, JsonElement LastConfig)
{
    public static PromptListItem From(PromptSummary s) =>
        new(s.Name, s.Type, s.Versions, s.Labels, s.Tags, s.LastUpdatedAt, PromptResponse.Json(s.LastConfig));
}
