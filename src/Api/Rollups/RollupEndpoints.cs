using Lantern.Api.Auth;
using Lantern.Silo.Rollups;

namespace Lantern.Api.Rollups;

/// <summary>Per-user, per-session, per-prompt and usage rollups: the reads Langfuse's public API lacks (issue 4).</summary>
public static class RollupEndpoints
{
    public static IServiceCollection AddLanternRollups(this IServiceCollection services)
    {
        services.AddSingleton<RollupQueries>();
        services.AddSingleton<DailyMetricsQuery>();
        services.AddSingleton<RollupViewFreshness>();
        return services;
    }

    public static IEndpointRouteBuilder MapLanternRollups(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public").RequireProjectKey().WithTags("Rollups");
        group.MapGet("/users", UserEndpoints.ListAsync).WithName("ListUsers").WithSummary("Users with cost, tokens and traces, sortable");
        group.MapGet("/users/{userId}", UserEndpoints.GetAsync).WithName("GetUser").WithSummary("A user's rollup");
        group.MapGet("/sessions/{sessionId}/summary", ScopeEndpoints.SessionSummaryAsync).WithName("GetSessionSummary")
            .WithSummary("A session's rollup in constant time");
        group.MapGet("/prompts/{name}/metrics", ScopeEndpoints.PromptMetricsAsync).WithName("GetPromptMetrics")
            .WithSummary("Per prompt version: generations, latency, time to first token, cost, tokens, scores");
        group.MapGet("/metrics/usage", UsageEndpoint.GetAsync).WithName("GetUsage").WithSummary("Cost and tokens over a sliding window");
        group.MapGet("/alerts/users", SpendAlertEndpoint.GetAsync).WithName("GetUserSpendAlerts").WithSummary("Users over budget or spiking");
        group.MapGet("/metrics/daily", DailyMetricsEndpoint.GetAsync).WithName("GetDailyMetrics").WithSummary("Langfuse legacy daily metrics");
        return app;
    }
}
