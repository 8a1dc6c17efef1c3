namespace Lantern.Grains.Rollups;

/// <summary>See <see cref="ISessionGrain"/>.</summary>
public sealed class SessionGrain(IRollupStore store) : RollupGrain(store), ISessionGrain
{
    protected override RollupScope Scope => RollupScope.Session;
}
