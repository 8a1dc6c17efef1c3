namespace Lantern.Grains.Prompts;

/// <summary>Why a prompt change was refused (maps to 400 and 404).</summary>
public enum PromptFailure
{
    None,
    Invalid,
    NotFound,
}
