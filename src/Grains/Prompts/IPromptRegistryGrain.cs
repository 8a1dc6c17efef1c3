using Lantern.Contracts.Runtime;

namespace Lantern.Grains.Prompts;

/// <summary>
/// The versions and labels of one prompt name (key <c>projectId/promptName</c>). Calls to one activation run one at a
/// time, and activations of the name in other processes are kept in step through the stored revision, so version numbers
/// are consecutive and a label sits on one version only.
/// </summary>
public interface IPromptRegistryGrain : IGrain
{
    Task<PromptOutcome> CreateAsync(NewPromptVersion request);

    /// <summary>The version by number, else by label.</summary>
    Task<PromptVersion?> GetAsync(int? version, string? label);

    /// <summary>Adds <paramref name="labels"/> to <paramref name="version"/> and removes them from every other version.</summary>
    Task<PromptOutcome> AddLabelsAsync(int version, IReadOnlyList<string> labels);

    /// <summary>Deletes the matching versions (all when both filters are null); <see cref="PromptFailure.NotFound"/> when none matched.</summary>
    Task<PromptFailure> DeleteAsync(int? version, string? label);
}
