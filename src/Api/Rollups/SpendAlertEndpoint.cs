using Lantern.Api.Auth;
using Lantern.Contracts.Runtime;
using Lantern.Grains.Rollups;

namespace Lantern.Api.Rollups;

/// <summary><c>GET /api/public/alerts/users</c>: users whose spend broke the budget or spiked recently, newest first.</summary>
public static class SpendAlertEndpoint
{
    public static async Task<IResult> GetAsync(HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(new { data = await grains.GetGrain<IProjectGrain>($"{http.ProjectAccess().ProjectId}/").GetUserSpendAlertsAsync() });
}
