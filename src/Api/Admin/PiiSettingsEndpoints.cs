using System.Text.Json;
using Lantern.Api.Queries;
using Lantern.Grains.Pii;
using Lantern.Silo.Pii;
using Lantern.Silo.Privacy;

namespace Lantern.Api.Admin;

/// <summary>
/// <c>PUT /api/admin/projects/{projectId}/settings/pii</c>: sets a project's masking policy, e.g.
/// <c>{"mode": "hash", "kinds": ["EMAIL", "PHONE"]}</c>. It applies to events ingested afterwards; stored data is unchanged.
/// </summary>
public static class PiiSettingsEndpoints
{
    public static IEndpointRouteBuilder MapLanternPiiSettings(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/projects").AddEndpointFilter<AdminAuthFilter>().WithTags("Admin");
        admin.MapGet("/{projectId}/settings/pii", GetAsync).WithName("GetPiiPolicy");
        admin.MapPut("/{projectId}/settings/pii", SetAsync).WithName("SetPiiPolicy");
        return app;
    }

    private static async Task<IResult> GetAsync(string projectId, PiiPolicyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.GetAsync(projectId, cancellationToken)).ToJson());

    private static async Task<IResult> SetAsync(string projectId, JsonElement? body, PiiPolicyStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        var policy = PiiPolicy.Off;
        var error = body is { } json ? PiiPolicy.TryParse(json, out policy) : "mode: required, one of off, redact, hash";
        if (error is not null)
        {
            return ApiResults.BadRequest(error);
        }

        if (!await store.SetAsync(projectId, policy, cancellationToken))
        {
            return ApiResults.NotFound($"Project {projectId} not found");
        }

        await audit.AppendAsync(projectId, "admin", AuditActions.PiiPolicyChanged, projectId, policy.ToJson(), cancellationToken);
        return TypedResults.Ok(policy.ToJson());
    }
}
