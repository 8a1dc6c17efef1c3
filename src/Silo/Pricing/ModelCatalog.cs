using Lantern.Grains.Pricing;

namespace Lantern.Silo.Pricing;

/// <summary>
/// What <c>/api/public/models</c> works with: a project's own models plus the built-in ones it can see. Changes go to
/// PostgreSQL and then reload this node's price view at once (other nodes follow on their next poll).
/// </summary>
public sealed class ModelCatalog(PostgresModelStore store, ProjectModelCache cache)
{
    /// <summary>Project models first (they take precedence), then the built-in table unless the project switched it off.</summary>
    public async Task<List<ModelDefinition>> ListAsync(string projectId, CancellationToken cancellationToken)
    {
        var models = await store.ListAsync(projectId, cancellationToken);
        if (cache.Get(projectId).BuiltInPrices)
        {
            models.AddRange(DefaultModelPrices.Matcher.Models.OrderBy(m => m.ModelName, StringComparer.Ordinal));
        }

        return models;
    }

    public async Task<ModelDefinition?> GetAsync(string projectId, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(projectId, id, cancellationToken)
        ?? (cache.Get(projectId).BuiltInPrices ? DefaultModelPrices.Matcher.Models.FirstOrDefault(m => m.Id == id) : null);

    /// <returns>False when the project already has a model with the same name, start date and unit.</returns>
    public async Task<bool> CreateAsync(ModelDefinition model, CancellationToken cancellationToken)
    {
        var created = await store.CreateAsync(model, cancellationToken);
        await cache.RefreshAsync(force: false, cancellationToken);
        return created;
    }

    /// <returns>False when the project has no model with this id (built-in models cannot be deleted, only overridden).</returns>
    public async Task<bool> DeleteAsync(string projectId, string id, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteAsync(projectId, id, cancellationToken);
        await cache.RefreshAsync(force: false, cancellationToken);
        return deleted;
    }

    public async Task SetBuiltInPricesAsync(string projectId, bool enabled, CancellationToken cancellationToken)
    {
        await store.SetBuiltInPricesAsync(projectId, enabled, cancellationToken);
        await cache.RefreshAsync(force: false, cancellationToken);
    }
}
