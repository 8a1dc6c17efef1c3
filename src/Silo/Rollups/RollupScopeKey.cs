using Lantern.Grains.Rollups;

namespace Lantern.Silo.Rollups;

/// <summary>A user's or session's rollup rows as a whole: the rows of one rollup grain.</summary>
public readonly record struct RollupScopeKey(string ProjectId, RollupScope Scope, string Key)
{
    public static RollupScopeKey Of(RollupKey row) => new(row.ProjectId, row.Scope, row.Key);

    /// <summary>The scopes whose keys are filtered and cached: the ones a read asks for by an id from outside.</summary>
    public static bool IsCached(RollupScope scope) => scope is RollupScope.User or RollupScope.Session;
}
