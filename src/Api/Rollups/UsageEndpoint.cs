using Lantern.Api.Auth;
using Lantern.Api.Queries;
using Lantern.Contracts.Rollups;
using Lantern.Silo.Rollups;

namespace Lantern.Api.Rollups;

/// <summary>
/// <c>GET /metrics/usage</c>: cost and tokens per project, user or model over a sliding window, for gateways enforcing
/// budgets. Rollups are hour buckets, so the window starts at the beginning of the hour it reaches into.
/// </summary>
public static class UsageEndpoint
{
    private const int MaxRows = 1000;

    private static readonly Dictionary<string, TimeSpan> Windows = new(StringComparer.Ordinal)
    {
        ["5m"] = TimeSpan.FromMinutes(5),
        ["1h"] = TimeSpan.FromHours(1),
        ["24h"] = TimeSpan.FromHours(24),
        ["7d"] = TimeSpan.FromDays(7),
    };

    private static readonly Dictionary<string, UsageGrouping> Groupings = new(StringComparer.Ordinal)
    {
        ["project"] = UsageGrouping.Project,
        ["user"] = UsageGrouping.User,
        ["model"] = UsageGrouping.Model,
    };

    public static async Task<IResult> GetAsync(HttpContext http, RollupQueries queries, TimeProvider time)
    {
        var query = http.Request.Query;
        var windowName = query["window"].ToString() is { Length: > 0 } w ? w : "24h";
        var groupName = query["groupBy"].ToString() is { Length: > 0 } g ? g : "project";
        if (!Windows.TryGetValue(windowName, out var window))
        {
            return ApiResults.BadRequest($"window: expected one of {string.Join(", ", Windows.Keys)}, got '{windowName}'");
        }

        if (!Groupings.TryGetValue(groupName, out var grouping))
        {
            return ApiResults.BadRequest($"groupBy: expected one of {string.Join(", ", Groupings.Keys)}, got '{groupName}'");
        }

        if (PageRequest.Parse(query, out var error, defaultLimit: 100, maxLimit: MaxRows) is not { } page)
        {
            return ApiResults.BadRequest(error!);
        }

        var now = time.GetUtcNow();
        var since = now - window;
        var rows = await queries.UsageAsync(http.ProjectAccess().ProjectId, grouping, since, page.Limit, http.RequestAborted);
        return TypedResults.Ok(new UsageReport(windowName, groupName, Grains.Rollups.RollupKey.BucketOf(since), now, rows));
    }
}
