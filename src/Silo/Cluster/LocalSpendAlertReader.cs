using Lantern.Contracts.Rollups;
using Lantern.Contracts.Runtime;
using Lantern.Grains.Rollups;

namespace Lantern.Silo.Cluster;

/// <summary>A single node holds every user grain, so its project grain has every alert.</summary>
public sealed class LocalSpendAlertReader(IGrainFactory grains) : ISpendAlertReader
{
    public Task<IReadOnlyList<UserSpendAlert>> ReadAsync(string projectId, CancellationToken cancellationToken) =>
        grains.GetGrain<IProjectGrain>($"{projectId}/").GetUserSpendAlertsAsync();
}
