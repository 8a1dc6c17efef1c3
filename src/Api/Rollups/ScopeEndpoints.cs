using Lantern.Api.Auth;
using Lantern.Api.Queries;
using Lantern.Contracts.Rollups;
using Lantern.Contracts.Runtime;
using Lantern.Grains.Rollups;

namespace Lantern.Api.Rollups;

/// <summary>Reads answered by one rollup grain from memory: session summaries and prompt version metrics.</summary>
public static class ScopeEndpoints
{
    public static async Task<IResult> SessionSummaryAsync(HttpContext http, IGrainFactory grains, RollupViewFreshness freshness, string sessionId)
    {
        if (RollupWindow.Parse(http.Request.Query, out var error) is not { } window)
        {
            return ApiResults.BadRequest(error!);
        }

        var grainKey = $"{http.ProjectAccess().ProjectId}/{sessionId}";
        var report = await ReportAsync(grains.GetGrain<ISessionGrain>(grainKey), grainKey, sessionId, window, freshness);
        return report is null ? ApiResults.NotFound($"Session {sessionId} not found within authorized project") : TypedResults.Ok(report);
    }

    public static async Task<IResult> PromptMetricsAsync(HttpContext http, IGrainFactory grains, RollupViewFreshness freshness, string name)
    {
        if (RollupWindow.Parse(http.Request.Query, out var error) is not { } window)
        {
            return ApiResults.BadRequest(error!);
        }

        // Prompt names may hold folders ("team/summary"); clients send the slash encoded, which routing leaves as %2F.
        var promptName = name.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var grainKey = $"{http.ProjectAccess().ProjectId}/{promptName}";
        var grain = grains.GetGrain<IPromptGrain>(grainKey);
        await freshness.EnsureAsync(grain, grainKey);
        var versions = await grain.GetVersionMetricsAsync(window.From, window.To);
        return TypedResults.Ok(new PromptMetricsReport(promptName, window.From, window.To, versions));
    }

    /// <summary>The grain's rollup in the window; null when the key has no rows at all (unknown or deleted).</summary>
    internal static async Task<RollupReport?> ReportAsync(IRollupGrain grain, string grainKey, string id, RollupWindow window, RollupViewFreshness freshness)
    {
        await freshness.EnsureAsync(grain, grainKey);
        var summary = await grain.GetSummaryAsync(window.From, window.To);
        if (IsEmpty(summary) && (window == default || IsEmpty(await grain.GetSummaryAsync(null, null))))
        {
            return null;
        }

        return RollupReport.Of(id, window.From, window.To, summary);
    }

    private static bool IsEmpty(RollupSummary summary) => summary.Traces == 0 && summary.Observations == 0 && summary.Models.Count == 0;
}
