using Lantern.Contracts.Runtime;

namespace Lantern.Grains.Prompts;

/// <summary>
/// See <see cref="IPromptRegistryGrain"/>. Every process that gets a prompt request runs the name's grain (an api pod, any
/// silo), so several copies of one name may exist at once. Each holds the revision it read (<see cref="IPromptStore"/>):
/// a read first compares it with the stored one (one primary-key read) and reloads when another process changed the
/// prompt, and a change is planned on the current copy and saved only if the revision did not move meanwhile; if it did,
/// the grain reloads and plans the change again. Every change is written to PostgreSQL first and applied in memory only
/// once stored, so a failed write changes nothing.
/// </summary>
public sealed class PromptRegistryGrain(IPromptStore store, TimeProvider time) : Grain, IPromptRegistryGrain
{
    // Saves of one name are serialised by its revision row, so a refused save means another process saved in between;
    // each process's grain handles one call at a time, so a burst from a few processes settles well within this.
    private const int MaxAttempts = 16;

    private List<PromptVersion> _versions = [];
    private long _revision;
    private string _projectId = "";
    private string _name = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var separator = GrainKey.IndexOf('/', StringComparison.Ordinal);
        _projectId = GrainKey[..separator];
        _name = GrainKey[(separator + 1)..];
        return ReloadAsync(cancellationToken);
    }

    public Task<PromptOutcome> CreateAsync(NewPromptVersion request) => ChangeAsync(() =>
    {
        var newest = _versions.Count > 0 ? _versions[^1] : null;
        if (newest is not null && newest.Type != request.Type)
        {
            return (PromptOutcome.Invalid($"Previous versions have type {newest.Type}, cannot create a {request.Type} prompt version"), null, []);
        }

        var now = time.GetUtcNow();
        var labels = request.Labels.Append(PromptLabels.Latest).Distinct(StringComparer.Ordinal).ToList();
        var tags = request.Tags ?? newest?.Tags ?? [];
        var created = new PromptVersion(
            Guid.NewGuid().ToString(), _projectId, _name, (newest?.Version ?? 0) + 1, request.Type, request.Prompt, request.Config,
            labels, tags, request.CommitMessage, now, now);
        return (new PromptOutcome(created), _versions.Select(v => Relabel(v, without: labels, tags, now)).Append(created).ToList(), []);
    }, Conflict);

    public async Task<PromptVersion?> GetAsync(int? version, string? label)
    {
        await RefreshIfChangedAsync();
        return version is { } number
            ? _versions.Find(v => v.Version == number)
            : _versions.Find(v => v.Labels.Contains(label ?? PromptLabels.Production, StringComparer.Ordinal));
    }

    public Task<PromptOutcome> AddLabelsAsync(int version, IReadOnlyList<string> labels) => ChangeAsync(() =>
    {
        if (_versions.Find(v => v.Version == version) is null)
        {
            return (PromptOutcome.Missing($"Prompt not found: '{_name}' with version {version}"), null, []);
        }

        var now = time.GetUtcNow();
        var updated = _versions
            .Select(v => v.Version == version
                ? v with { Labels = [.. v.Labels.Union(labels, StringComparer.Ordinal)], UpdatedAt = now }
                : Relabel(v, without: labels, tags: null, now))
            .ToList();
        return (new PromptOutcome(updated.Find(v => v.Version == version)), updated, []);
    }, Conflict);

    public Task<PromptFailure> DeleteAsync(int? version, string? label) => ChangeAsync(() =>
    {
        var doomed = _versions
            .Where(v => (version is null || v.Version == version) && (label is null || v.Labels.Contains(label, StringComparer.Ordinal)))
            .Select(v => v.Version)
            .ToHashSet();
        if (doomed.Count == 0)
        {
            return (PromptFailure.NotFound, null, []);
        }

        var remaining = _versions.Where(v => !doomed.Contains(v.Version)).ToList();
        // "latest" always names the newest remaining version, even when the newest one was deleted.
        if (remaining.Count > 0 && !remaining[^1].Labels.Contains(PromptLabels.Latest, StringComparer.Ordinal))
        {
            remaining[^1] = remaining[^1] with { Labels = [.. remaining[^1].Labels, PromptLabels.Latest], UpdatedAt = time.GetUtcNow() };
        }

        return (PromptFailure.None, remaining, [.. doomed]);
    }, PromptFailure.Conflict);

    private PromptOutcome Conflict => PromptOutcome.Conflicted(
        $"Prompt '{_name}' was changed concurrently {MaxAttempts} times while this change was retried; retry the request");

    private static PromptVersion Relabel(PromptVersion version, IReadOnlyList<string> without, IReadOnlyList<string>? tags, DateTimeOffset now)
    {
        var labels = version.Labels.Where(l => !without.Contains(l, StringComparer.Ordinal)).ToList();
        var retagged = tags is not null && !tags.SequenceEqual(version.Tags, StringComparer.Ordinal);
        return labels.Count == version.Labels.Count && !retagged
            ? version
            : version with { Labels = labels, Tags = tags ?? version.Tags, UpdatedAt = now };
    }

    /// <summary>
    /// Plans a change on the current copy (its result, and the versions after it, or null when there is nothing to save)
    /// and saves it; when another process saved first, reloads and plans again.
    /// </summary>
    private async Task<T> ChangeAsync<T>(Func<(T Result, List<PromptVersion>? Updated, IReadOnlyList<int> Deleted)> plan, T conflict)
    {
        await RefreshIfChangedAsync();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (result, updated, deleted) = plan();
            if (updated is null || await TrySaveAsync(updated, deleted))
            {
                return result;
            }

            // A short random pause keeps two processes that keep colliding from doing it in lockstep.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(attempt * 2)));
            await ReloadAsync(CancellationToken.None);
        }

        return conflict;
    }

    private async Task<bool> TrySaveAsync(List<PromptVersion> updated, IReadOnlyList<int> deleted)
    {
        var current = _versions.ToDictionary(v => v.Version);
        var changed = updated.Where(v => !current.TryGetValue(v.Version, out var before) || !ReferenceEquals(before, v)).ToList();
        if (await store.SaveAsync(_projectId, _name, _revision, changed, deleted, CancellationToken.None) is not { } revision)
        {
            return false;
        }

        (_versions, _revision) = (updated, revision);
        return true;
    }

    private async Task RefreshIfChangedAsync()
    {
        if (await store.RevisionAsync(_projectId, _name, CancellationToken.None) != _revision)
        {
            await ReloadAsync(CancellationToken.None);
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadAsync(_projectId, _name, cancellationToken);
        (_versions, _revision) = ([.. snapshot.Versions.OrderBy(v => v.Version)], snapshot.Revision);
    }
}
