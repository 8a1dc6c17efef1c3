using Lantern.Contracts.Rollups;

namespace Lantern.Grains.Rollups;

/// <summary>Rollups of a whole project (key <c>projectId/</c>), and the users whose spend alerted recently.</summary>
public interface IProjectGrain : IRollupGrain
{
    Task ReportUserSpendAlertAsync(UserSpendAlert alert);

    /// <summary>The most recent alerts, newest first.</summary>
    Task<IReadOnlyList<UserSpendAlert>> GetUserSpendAlertsAsync();

    /// <summary>Drops the user's alerts (erasure: no identifier of an erased user stays in memory).</summary>
    Task ForgetUserAsync(string userId);
}
