using System.Text.Json;
using Lantern.Grains.Prompts;

namespace Lantern.Api.Prompts;

/// <summary>Langfuse's <c>TextPrompt</c>/<c>ChatPrompt</c> with the server fields; kept apart from the stored version, whose JSON is text.</summary>
public sealed record PromptResponse(
    string Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string ProjectId,
    string CreatedBy,
    string Name,
    int Version,
    string Type,
    JsonElement Prompt,
    JsonElement Config,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Tags,
    string? CommitMessage,
    bool IsActive,
    object? ResolutionGraph)
{
    public static PromptResponse From(PromptVersion v) => new(
        v.Id, v.CreatedAt, v.UpdatedAt, v.ProjectId, "API", v.Name, v.Version, v.Type, Json(v.Prompt), Json(v.Config),
        v.Labels, v.Tags, v.CommitMessage, v.Labels.Contains(PromptLabels.Production, StringComparer.Ordinal), null);

    public static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
