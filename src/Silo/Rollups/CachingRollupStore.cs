using Lantern.Grains.Rollups;

namespace Lantern.Silo.Rollups;

/// <summary>
/// A single node's rollup store: a user's or session's rows come from <see cref="RollupRowCache"/> when it holds them or
/// knows there are none, and from PostgreSQL otherwise, offered to the cache to keep; project and prompt rows always come
/// from PostgreSQL (their grains stay active, so they are read rarely).
/// </summary>
public sealed class CachingRollupStore(RollupRowCache cache, PostgresRollupStore stored) : IRollupStore
{
    public async Task<IReadOnlyList<RollupChange>> LoadAsync(string projectId, RollupScope scope, string key, CancellationToken cancellationToken)
    {
        if (!RollupScopeKey.IsCached(scope))
        {
            return await stored.LoadAsync(projectId, scope, key, cancellationToken);
        }

        var scopeKey = new RollupScopeKey(projectId, scope, key);
        if (cache.TryLoad(scopeKey) is { } cached)
        {
            return cached;
        }

        var load = cache.LoadStarting(scopeKey);
        IReadOnlyList<RollupChange>? rows = null;
        try
        {
            rows = await stored.LoadAsync(projectId, scope, key, cancellationToken);
            return rows;
        }
        finally
        {
            // Before the grain takes the rows: the cache keeps copies, and the grain changes its own.
            if (load is not null)
            {
                cache.Loaded(load, rows);
            }
        }
    }
}
