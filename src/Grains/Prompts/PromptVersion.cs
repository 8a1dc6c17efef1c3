namespace Lantern.Grains.Prompts;

/// <summary>One stored version of a prompt; <paramref name="Prompt"/> and <paramref name="Config"/> are raw JSON text.</summary>
public sealed record PromptVersion(
    string Id,
    string ProjectId,
    string Name,
    int Version,
    string Type,
    string Prompt,
    string Config,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Tags,
    string? CommitMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
