namespace Lantern.Grains.Rollups;

/// <summary>See <see cref="IProjectGrain"/>.</summary>
public sealed class ProjectGrain(IRollupStore store) : RollupGrain(store), IProjectGrain
{
    protected override RollupScope Scope => RollupScope.Project;
}
