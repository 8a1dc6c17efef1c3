using Lantern.Grains.Rollups;
using Lantern.Silo.Runtime;

namespace Lantern.Silo.Rollups;

/// <summary>The rollup grain of a scope and key when it is active in this process, for messages only a grain holding rows needs.</summary>
public static class ActiveRollupGrains
{
    public static IRollupGrain? Find(GrainRuntime grains, RollupScope scope, string grainKey) => scope switch
    {
        RollupScope.Project => grains.GetGrainIfActive<IProjectGrain>(grainKey),
        RollupScope.User => grains.GetGrainIfActive<IUserGrain>(grainKey),
        RollupScope.Session => grains.GetGrainIfActive<ISessionGrain>(grainKey),
        _ => grains.GetGrainIfActive<IPromptGrain>(grainKey),
    };
}
