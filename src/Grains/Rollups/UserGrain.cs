namespace Lantern.Grains.Rollups;

/// <summary>See <see cref="IUserGrain"/>.</summary>
public sealed class UserGrain(IRollupStore store) : RollupGrain(store), IUserGrain
{
    protected override RollupScope Scope => RollupScope.User;
}
