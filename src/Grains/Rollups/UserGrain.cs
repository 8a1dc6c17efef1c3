namespace Lantern.Grains.Rollups;

/// <summary>See <see cref="IUserGrain"/>. The user's spend is watched by <see cref="UserSpendWatch"/>, not here.</summary>
public sealed class UserGrain(IRollupStore store) : RollupGrain(store), IUserGrain
{
    protected override RollupScope Scope => RollupScope.User;
}
