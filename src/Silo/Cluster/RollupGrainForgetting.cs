using Lantern.Grains.Rollups;
using Lantern.Silo.Rollups;
using Lantern.Silo.Runtime;

namespace Lantern.Silo.Cluster;

/// <summary>
/// The in-memory half of deleting a user's, session's or prompt's rollup rows, run in the process that holds the key's
/// grains (the partition's owner; on one node, the node): the key's grain drops its rows, and for a user the project grain
/// of that process drops the user's spend alerts, because a user grain reports its alerts to its own process's project
/// grain, and the spend watch drops the user's window. Only active grains are told: one that is not active holds nothing,
/// and activating it would only read rows back.
/// </summary>
public static class RollupGrainForgetting
{
    public static Task ForgetAsync(GrainRuntime grains, UserSpendWatch spend, string projectId, RollupScope scope, string key)
    {
        var grainKey = $"{projectId}/{key}";
        var forgets = new List<Task>(2);
        if (ActiveRollupGrains.Find(grains, scope, grainKey) is { } grain)
        {
            forgets.Add(grain.ForgetAsync());
        }

        if (scope == RollupScope.User)
        {
            spend.Forget(projectId, key);
            if (grains.GetGrainIfActive<IProjectGrain>($"{projectId}/") is { } project)
            {
                forgets.Add(project.ForgetUserAsync(key));
            }
        }

        return Task.WhenAll(forgets);
    }
}
