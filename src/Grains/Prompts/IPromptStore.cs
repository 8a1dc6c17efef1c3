namespace Lantern.Grains.Prompts;

/// <summary>
/// Persists the versions of one prompt name; each save is one transaction. Every process may hold a copy of a name, so
/// the store keeps a revision per name, bumped by every save: a save from a copy that is no longer current is refused.
/// </summary>
public interface IPromptStore
{
    /// <summary>The versions and the revision they were stored at (possibly older than them, never newer).</summary>
    Task<PromptSnapshot> LoadAsync(string projectId, string name, CancellationToken cancellationToken);

    /// <summary>The name's current revision: one primary-key read, to tell whether a copy is still current.</summary>
    Task<long> RevisionAsync(string projectId, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or updates <paramref name="upserts"/> and removes <paramref name="deletedVersions"/>, atomically, if the name
    /// is still at <paramref name="expectedRevision"/>. Returns the new revision, or null (nothing written) when another
    /// save came first.
    /// </summary>
    Task<long?> SaveAsync(
        string projectId, string name, long expectedRevision, IReadOnlyList<PromptVersion> upserts, IReadOnlyList<int> deletedVersions,
        CancellationToken cancellationToken);
}
