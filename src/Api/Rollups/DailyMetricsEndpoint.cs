using Lantern.Api.Auth;
using Lantern.Api.Queries;
using Lantern.Contracts.Rollups;
using Lantern.Silo.Rollups;

namespace Lantern.Api.Rollups;

/// <summary><c>GET /metrics/daily</c>: Langfuse's legacy daily metrics (reference §5.5), newest day first, paged by day.</summary>
public static class DailyMetricsEndpoint
{
    public static async Task<IResult> GetAsync(HttpContext http, DailyMetricsQuery daily)
    {
        var query = http.Request.Query;
        if (PageRequest.Parse(query, out var error) is not { } page ||
            RollupWindow.Parse(query, out error, "fromTimestamp", "toTimestamp") is not { } window)
        {
            return ApiResults.BadRequest(error!);
        }

        var filter = new DailyFilter(
            http.ProjectAccess().ProjectId,
            NonEmpty(query["traceName"]),
            NonEmpty(query["userId"]),
            Values(query["tags"]),
            Values(query["environment"]),
            window.From,
            window.To,
            page.Offset,
            page.Limit);
        var (days, total) = await daily.QueryAsync(filter, http.RequestAborted);
        return TypedResults.Ok(new Paged<DailyMetrics>(days, PageMeta.Of(page, total)));
    }

    private static string? NonEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;

    private static string[] Values(Microsoft.Extensions.Primitives.StringValues values) => [.. values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)];
}
