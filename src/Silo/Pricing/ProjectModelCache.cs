using Lantern.Grains.Pricing;

namespace Lantern.Silo.Pricing;

/// <summary>
/// Every project's model definitions in memory, so pricing on the ingestion path never waits for PostgreSQL. The whole
/// view is swapped atomically on reload; a project whose models did not change keeps its compiled matcher.
/// </summary>
public sealed class ProjectModelCache(PostgresModelStore store) : IProjectPricingSource
{
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private volatile Snapshot _snapshot = new(-1, new Dictionary<string, ProjectPricing>(StringComparer.Ordinal));

    public long Revision => _snapshot.Revision;

    public ProjectPricing Get(string projectId) => _snapshot.Projects.GetValueOrDefault(projectId) ?? ProjectPricing.Default;

    /// <summary>Reloads when the stored revision moved since the last load (or always, when <paramref name="force"/>).</summary>
    public async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            var revision = await store.RevisionAsync(cancellationToken);
            if (!force && revision == _snapshot.Revision)
            {
                return;
            }

            // Read the revision before the rows: a change racing with the load moves it again and triggers another load.
            var models = await store.ListAllAsync(cancellationToken);
            var withoutBuiltIns = await store.ProjectsWithoutBuiltInPricesAsync(cancellationToken);
            var previous = _snapshot.Projects;
            var projects = new Dictionary<string, ProjectPricing>(StringComparer.Ordinal);
            foreach (var group in models.GroupBy(m => m.ProjectId!))
            {
                var matcher = previous.TryGetValue(group.Key, out var old) && SameModels(old.ProjectModels, group)
                    ? old.ProjectModels
                    : new ModelMatcher(group);
                projects[group.Key] = new ProjectPricing(matcher, !withoutBuiltIns.Contains(group.Key));
            }

            foreach (var project in withoutBuiltIns.Where(p => !projects.ContainsKey(p)))
            {
                projects[project] = new ProjectPricing(ModelMatcher.Empty, false);
            }

            _snapshot = new Snapshot(revision, projects);
        }
        finally
        {
            _reloading.Release();
        }
    }

    // Stored models are immutable (create and delete only), so equal id lists mean equal definitions.
    private static bool SameModels(ModelMatcher matcher, IEnumerable<ModelDefinition> models) =>
        matcher.Models.Select(m => m.Id).SequenceEqual(models.Select(m => m.Id), StringComparer.Ordinal);

    private sealed record Snapshot(long Revision, IReadOnlyDictionary<string, ProjectPricing> Projects);
}
