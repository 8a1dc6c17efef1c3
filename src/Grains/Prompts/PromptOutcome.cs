namespace Lantern.Grains.Prompts;

/// <summary>The result of a change to a prompt: the affected version, or why nothing was changed.</summary>
public sealed record PromptOutcome(PromptVersion? Version, PromptFailure Failure = PromptFailure.None, string? Message = null)
{
    public static PromptOutcome Invalid(string message) => new(null, PromptFailure.Invalid, message);

    public static PromptOutcome Missing(string message) => new(null, PromptFailure.NotFound, message);

    public static PromptOutcome Conflicted(string message) => new(null, PromptFailure.Conflict, message);
}
