namespace Lantern.Grains.Prompts;

/// <summary>A validated create request; <paramref name="Tags"/> null keeps the prompt's current tags.</summary>
public sealed record NewPromptVersion(
    string Type,
    string Prompt,
    string Config,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string>? Tags,
    string? CommitMessage);
