using System.Text.Json;
using Lantern.Api.Admin;
using Lantern.Api.Queries;
using Lantern.Silo.Privacy;

namespace Lantern.Api.Privacy;

/// <summary>
/// Retention for operators: <c>GET/PUT /api/admin/projects/{projectId}/settings/retention</c> with <c>{"days": 30}</c>
/// (or <c>{"days": null}</c> for the default, <c>LANTERN_RETENTION_DAYS</c>), and <c>POST /api/admin/retention/run</c>
/// to run the job now instead of waiting for its interval.
/// </summary>
public static class RetentionEndpoints
{
    private const string Actor = "admin";

    public static IEndpointRouteBuilder MapRetention(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").AddEndpointFilter<AdminAuthFilter>().WithTags("Admin");
        admin.MapGet("/projects/{projectId}/settings/retention", GetAsync).WithName("GetRetention");
        admin.MapPut("/projects/{projectId}/settings/retention", SetAsync).WithName("SetRetention");
        admin.MapPost("/retention/run", RunAsync).WithName("RunRetention");
        return app;
    }

    private static async Task<IResult> GetAsync(string projectId, RetentionSettingsStore store, CancellationToken cancellationToken)
    {
        var (exists, days) = await store.GetAsync(projectId, cancellationToken);
        return exists ? TypedResults.Ok(Describe(days, store.DefaultDays)) : ApiResults.NotFound($"Project {projectId} not found");
    }

    private static async Task<IResult> SetAsync(string projectId, JsonElement? body, RetentionSettingsStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        if (body is not { ValueKind: JsonValueKind.Object } json || !json.TryGetProperty("days", out var value) ||
            (value.ValueKind != JsonValueKind.Null && (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var parsed) || parsed < 1)))
        {
            return ApiResults.BadRequest("days: required, a whole number of days >= 1, or null for the default");
        }

        int? days = value.ValueKind == JsonValueKind.Null ? null : value.GetInt32();
        if (!await store.SetAsync(projectId, days, cancellationToken))
        {
            return ApiResults.NotFound($"Project {projectId} not found");
        }

        await audit.AppendAsync(projectId, Actor, AuditActions.RetentionChanged, projectId, new { days }, cancellationToken);
        return TypedResults.Ok(Describe(days, store.DefaultDays));
    }

    private static async Task<IResult> RunAsync(RetentionJob job) =>
        // Not tied to the request: a disconnecting client must not stop a run halfway through a batch.
        TypedResults.Ok(new { data = await job.RunOnceAsync(CancellationToken.None) });

    private static object Describe(int? days, int? defaultDays) => new { days, defaultDays, effectiveDays = days ?? defaultDays };
}
