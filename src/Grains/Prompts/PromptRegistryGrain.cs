using Lantern.Contracts.Runtime;

namespace Lantern.Grains.Prompts;

/// <summary>
/// See <see cref="IPromptRegistryGrain"/>. The SDKs re-fetch prompts on every cache expiry, so reads are served from memory;
/// every change is written to PostgreSQL first and applied in memory only once stored, so a failed write changes nothing.
/// </summary>
public sealed class PromptRegistryGrain(IPromptStore store, TimeProvider time) : Grain, IPromptRegistryGrain
{
    private List<PromptVersion> _versions = [];
    private string _projectId = "";
    private string _name = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var separator = GrainKey.IndexOf('/', StringComparison.Ordinal);
        _projectId = GrainKey[..separator];
        _name = GrainKey[(separator + 1)..];
        _versions = [.. (await store.LoadAsync(_projectId, _name, cancellationToken)).OrderBy(v => v.Version)];
    }

    public async Task<PromptOutcome> CreateAsync(NewPromptVersion request)
    {
        var newest = _versions.Count > 0 ? _versions[^1] : null;
        if (newest is not null && newest.Type != request.Type)
        {
            return PromptOutcome.Invalid($"Previous versions have type {newest.Type}, cannot create a {request.Type} prompt version");
        }

        var now = time.GetUtcNow();
        var labels = request.Labels.Append(PromptLabels.Latest).Distinct(StringComparer.Ordinal).ToList();
        var tags = request.Tags ?? newest?.Tags ?? [];
        var created = new PromptVersion(
            Guid.NewGuid().ToString(), _projectId, _name, (newest?.Version ?? 0) + 1, request.Type, request.Prompt, request.Config,
            labels, tags, request.CommitMessage, now, now);
        var updated = _versions.Select(v => Relabel(v, without: labels, tags, now)).Append(created).ToList();
        await SaveAsync(updated, []);
        return new PromptOutcome(created);
    }

    public Task<PromptVersion?> GetAsync(int? version, string? label) =>
        Task.FromResult(version is { } number
            ? _versions.Find(v => v.Version == number)
            : _versions.Find(v => v.Labels.Contains(label ?? PromptLabels.Production, StringComparer.Ordinal)));

    public async Task<PromptOutcome> AddLabelsAsync(int version, IReadOnlyList<string> labels)
    {
        if (_versions.Find(v => v.Version == version) is not { } target)
        {
            return PromptOutcome.Missing($"Prompt not found: '{_name}' with version {version}");
        }

        var now = time.GetUtcNow();
        var updated = _versions
            .Select(v => v.Version == version
                ? v with { Labels = [.. v.Labels.Union(labels, StringComparer.Ordinal)], UpdatedAt = now }
                : Relabel(v, without: labels, tags: null, now))
            .ToList();
        await SaveAsync(updated, []);
        return new PromptOutcome(updated.Find(v => v.Version == target.Version));
    }

    public async Task<bool> DeleteAsync(int? version, string? label)
    {
        var doomed = _versions
            .Where(v => (version is null || v.Version == version) && (label is null || v.Labels.Contains(label, StringComparer.Ordinal)))
            .Select(v => v.Version)
            .ToHashSet();
        if (doomed.Count == 0)
        {
            return false;
        }

        var remaining = _versions.Where(v => !doomed.Contains(v.Version)).ToList();
        // "latest" always names the newest remaining version, even when the newest one was deleted.
        if (remaining.Count > 0 && !remaining[^1].Labels.Contains(PromptLabels.Latest, StringComparer.Ordinal))
        {
            remaining[^1] = remaining[^1] with { Labels = [.. remaining[^1].Labels, PromptLabels.Latest], UpdatedAt = time.GetUtcNow() };
        }

        await SaveAsync(remaining, [.. doomed]);
        return true;
    }

    private static PromptVersion Relabel(PromptVersion version, IReadOnlyList<string> without, IReadOnlyList<string>? tags, DateTimeOffset now)
    {
        var labels = version.Labels.Where(l => !without.Contains(l, StringComparer.Ordinal)).ToList();
        var retagged = tags is not null && !tags.SequenceEqual(version.Tags, StringComparer.Ordinal);
        return labels.Count == version.Labels.Count && !retagged
            ? version
            : version with { Labels = labels, Tags = tags ?? version.Tags, UpdatedAt = now };
    }

    private async Task SaveAsync(List<PromptVersion> updated, IReadOnlyList<int> deleted)
    {
        var current = _versions.ToDictionary(v => v.Version);
        var changed = updated.Where(v => !current.TryGetValue(v.Version, out var before) || !ReferenceEquals(before, v)).ToList();
        await store.SaveAsync(_projectId, _name, changed, deleted, CancellationToken.None);
        _versions = updated;
    }
}
