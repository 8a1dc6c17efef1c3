namespace Lantern.Api.Auth;

/// <summary>
/// Authenticates every request of a route group and stores the <see cref="ProjectAccess"/> for the handlers. Routes that only
/// accept full project access answer a scores-only (Bearer) key with 403, as Langfuse does; a read-only key gets 403 on
/// everything but GET and HEAD.
/// </summary>
public sealed class ProjectAuthFilter(ProjectAuthenticator authenticator, bool allowScoresOnly) : IEndpointFilter
{
    public const string ItemKey = "lantern.project-access";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (access, failure) = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization, http.RequestAborted);
        if (failure is not null)
        {
            return TypedResults.Json(new { error = failure.Error, message = failure.Message }, statusCode: failure.Status);
        }

        if (access!.Level == AccessLevel.ScoresOnly && !allowScoresOnly)
        {
            return TypedResults.Json(new { error = "Forbidden", message = "Access denied - insufficient permissions for this endpoint" }, statusCode: StatusCodes.Status403Forbidden);
        }

        if (access.Level == AccessLevel.ReadOnly && !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
        {
            return TypedResults.Json(new { error = "Forbidden", message = ProjectAuthenticator.ReadOnlyMessage }, statusCode: StatusCodes.Status403Forbidden);
        }

        http.Items[ItemKey] = access;
        return await next(context);
    }
}
