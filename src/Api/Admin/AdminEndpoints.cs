using Lantern.Api.Queries;
using Lantern.Silo.Privacy;
using Lantern.Silo.Projects;

namespace Lantern.Api.Admin;

/// <summary>
/// Project and key management for operators. A secret key is returned once, at creation; only its salted hash is stored.
/// Revoking a key takes effect at once on this node and within the key cache's lifetime (30 s) on the others.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapLanternAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/projects").AddEndpointFilter<AdminAuthFilter>().WithTags("Admin");
        admin.MapPost("/", CreateProjectAsync);
        admin.MapGet("/{projectId}/keys", ListKeysAsync);
        admin.MapPost("/{projectId}/keys", CreateKeyAsync);
        admin.MapDelete("/{projectId}/keys/{publicKey}", RevokeKeyAsync);
        return app;
    }

    private const string Actor = "admin";

    private static async Task<IResult> CreateProjectAsync(CreateProjectRequest? request, ProjectStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        if (request?.Name is not { Length: > 0 } name)
        {
            return ApiResults.BadRequest("name: required, the project's display name");
        }

        var id = request.Id is { Length: > 0 } given ? given : Guid.NewGuid().ToString("N");
        if (id.Contains('/', StringComparison.Ordinal) || id.Length > 200)
        {
            return ApiResults.BadRequest("id: at most 200 characters, without '/'");
        }

        if (await store.ExistsAsync(id, cancellationToken))
        {
            return TypedResults.Json(new { message = $"Project {id} exists already" }, statusCode: StatusCodes.Status409Conflict);
        }

        await store.UpsertProjectAsync(id, name, request.OrgId ?? "default", request.OrgName ?? "Default", cancellationToken);
        var (publicKey, secretKey) = ProjectStore.NewKeyPair();
        await store.AddKeyAsync(id, publicKey, secretKey, "project", cancellationToken);
        await audit.AppendAsync(id, Actor, AuditActions.ProjectCreated, id, new { name }, cancellationToken);
        await audit.AppendAsync(id, Actor, AuditActions.KeyCreated, publicKey, new { scope = "project" }, cancellationToken);
        return TypedResults.Created($"/api/admin/projects/{id}", new { id, name, publicKey, secretKey });
    }

    private static async Task<IResult> ListKeysAsync(string projectId, ProjectStore store, CancellationToken cancellationToken) =>
        await store.ExistsAsync(projectId, cancellationToken)
            ? TypedResults.Ok(new { data = await store.ListKeysAsync(projectId, cancellationToken) })
            : ApiResults.NotFound($"Project {projectId} not found");

    private static async Task<IResult> CreateKeyAsync(string projectId, CreateKeyRequest? request, ProjectStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!await store.ExistsAsync(projectId, cancellationToken))
        {
            return ApiResults.NotFound($"Project {projectId} not found");
        }

        var scope = request?.Scope ?? ApiKeyScopes.Project;
        if (scope is not (ApiKeyScopes.Project or ApiKeyScopes.Read))
        {
            return ApiResults.BadRequest($"scope: one of {ApiKeyScopes.Project} (read and write) or {ApiKeyScopes.Read} (read-only)");
        }

        var (publicKey, secretKey) = ProjectStore.NewKeyPair();
        await store.AddKeyAsync(projectId, publicKey, secretKey, scope, cancellationToken, request?.ExpiresAt);
        await audit.AppendAsync(projectId, Actor, AuditActions.KeyCreated, publicKey, new { scope, expiresAt = request?.ExpiresAt }, cancellationToken);
        return TypedResults.Created($"/api/admin/projects/{projectId}/keys/{publicKey}",
            new { publicKey, secretKey, displaySecretKey = ProjectStore.DisplaySecret(secretKey), note = request?.Note, scope, expiresAt = request?.ExpiresAt });
    }

    private static async Task<IResult> RevokeKeyAsync(
        string projectId, string publicKey, ProjectStore store, ApiKeyCache cache, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!await store.RevokeKeyAsync(projectId, publicKey, cancellationToken))
        {
            return ApiResults.NotFound($"No active key {publicKey} in project {projectId}");
        }

        cache.Evict(publicKey);
        await audit.AppendAsync(projectId, Actor, AuditActions.KeyRevoked, publicKey, null, cancellationToken);
        return TypedResults.Ok(new { message = "Key revoked" });
    }
}
