namespace Lantern.Grains.Prompts;

/// <summary>Why a prompt change was refused (maps to 400, 404 and 409).</summary>
public enum PromptFailure
{
    None,
    Invalid,
    NotFound,

    /// <summary>Other processes kept changing the prompt while the change was retried; nothing was written.</summary>
    Conflict,
}
