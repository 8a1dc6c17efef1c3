using Lantern.Api.Auth;
using Lantern.Api.Queries;
using Lantern.Contracts.Rollups;
using Lantern.Contracts.Runtime;
using Lantern.Grains.Rollups;
using Lantern.Silo.Rollups;

namespace Lantern.Api.Rollups;

/// <summary><c>GET /users</c> (a SQL aggregate over the user rollup rows) and <c>GET /users/{id}</c> (the user's grain).</summary>
public static class UserEndpoints
{
    private static readonly Dictionary<string, UserOrder> Orders = new(StringComparer.Ordinal)
    {
        ["lastSeen"] = UserOrder.LastSeen,
        ["cost"] = UserOrder.Cost,
        ["tokens"] = UserOrder.Tokens,
        ["traces"] = UserOrder.Traces,
    };

    public static async Task<IResult> ListAsync(HttpContext http, RollupQueries queries)
    {
        if (PageRequest.Parse(http.Request.Query, out var error) is not { } page ||
            RollupWindow.Parse(http.Request.Query, out error) is not { } window ||
            ParseOrder(http.Request.Query["orderBy"].ToString(), out error) is not { } order)
        {
            return ApiResults.BadRequest(error!);
        }

        var query = new UserListQuery(http.ProjectAccess().ProjectId, window.From, window.To, order.By, order.Descending, page.Offset, page.Limit);
        var (items, total) = await queries.ListUsersAsync(query, http.RequestAborted);
        return TypedResults.Ok(new Paged<UserListItem>(items, PageMeta.Of(page, total)));
    }

    public static async Task<IResult> GetAsync(HttpContext http, IGrainFactory grains, RollupViewFreshness freshness, string userId)
    {
        if (RollupWindow.Parse(http.Request.Query, out var error) is not { } window)
        {
            return ApiResults.BadRequest(error!);
        }

        var grainKey = $"{http.ProjectAccess().ProjectId}/{userId}";
        var report = await ScopeEndpoints.ReportAsync(grains.GetGrain<IUserGrain>(grainKey), grainKey, userId, window, freshness);
        return report is null ? ApiResults.NotFound($"User {userId} not found within authorized project") : TypedResults.Ok(report);
    }

    /// <summary>Parses <c>field.asc|field.desc</c> (default <c>lastSeen.desc</c>).</summary>
    private static (UserOrder By, bool Descending)? ParseOrder(string value, out string? error)
    {
        error = null;
        if (value.Length == 0)
        {
            return (UserOrder.LastSeen, true);
        }

        var dot = value.LastIndexOf('.');
        var field = dot < 0 ? value : value[..dot];
        var direction = dot < 0 ? "desc" : value[(dot + 1)..];
        if (Orders.TryGetValue(field, out var by) && direction is "asc" or "desc")
        {
            return (by, direction == "desc");
        }

        error = $"orderBy: expected one of {string.Join(", ", Orders.Keys)} followed by .asc or .desc, got '{value}'";
        return null;
    }
}
