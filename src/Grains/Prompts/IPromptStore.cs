namespace Lantern.Grains.Prompts;

/// <summary>Persists the versions of one prompt name; each call is one transaction.</summary>
public interface IPromptStore
{
    Task<IReadOnlyList<PromptVersion>> LoadAsync(string projectId, string name, CancellationToken cancellationToken);

    /// <summary>Inserts or updates <paramref name="upserts"/> and removes <paramref name="deletedVersions"/>, atomically.</summary>
    Task SaveAsync(string projectId, string name, IReadOnlyList<PromptVersion> upserts, IReadOnlyList<int> deletedVersions, CancellationToken cancellationToken);
}
