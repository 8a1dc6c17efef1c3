using Lantern.Api.Auth;

namespace Lantern.Api.Prompts;

/// <summary>Prompts need the secret key: a public-key-only (Bearer) request gets Langfuse's prompt-specific 403.</summary>
public sealed class PromptAccessFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.ProjectAccess().Level != AccessLevel.ScoresOnly
            ? await next(context)
            : TypedResults.Json(
                new { error = "Forbidden", message = "Access denied - need to use basic auth with secret key to GET prompts" },
                statusCode: StatusCodes.Status403Forbidden);
}
