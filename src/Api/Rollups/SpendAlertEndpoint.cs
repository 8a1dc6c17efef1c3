using Lantern.Api.Auth;
using Lantern.Silo.Cluster;

namespace Lantern.Api.Rollups;

/// <summary>
/// <c>GET /api/public/alerts/users</c>: users whose spend broke the budget or spiked recently, newest first. In a cluster
/// they are gathered from every silo (<see cref="BrokerSpendAlertReader"/>), so any process answers the whole list.
/// </summary>
public static class SpendAlertEndpoint
{
    public static async Task<IResult> GetAsync(HttpContext http, ISpendAlertReader alerts) =>
        TypedResults.Ok(new { data = await alerts.ReadAsync(http.ProjectAccess().ProjectId, http.RequestAborted) });
}
