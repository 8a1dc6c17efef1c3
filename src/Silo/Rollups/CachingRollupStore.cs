using Lantern.Grains.Rollups;

namespace Lantern.Silo.Rollups;

/// <summary>
/// A single node's rollup store: a user's or session's rows come from <see cref="RollupRowCache"/> when it holds them or
/// knows there are none, and from PostgreSQL otherwise; project and prompt rows always from PostgreSQL (their grains stay
/// active, so they are read rarely).
/// </summary>
public sealed class CachingRollupStore(RollupRowCache cache, PostgresRollupStore stored) : IRollupStore
{
    public async Task<IReadOnlyList<RollupChange>> LoadAsync(string projectId, RollupScope scope, string key, CancellationToken cancellationToken) =>
        RollupScopeKey.IsCached(scope) && cache.TryLoad(new RollupScopeKey(projectId, scope, key)) is { } rows
            ? rows
            : await stored.LoadAsync(projectId, scope, key, cancellationToken);
}
