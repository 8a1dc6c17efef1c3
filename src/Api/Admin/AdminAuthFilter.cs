using System.Security.Cryptography;
using System.Text;
using Lantern.Silo.Projects;
using Microsoft.Extensions.Options;

namespace Lantern.Api.Admin;

/// <summary>Admin routes need <c>Authorization: Bearer $LANTERN_ADMIN_API_KEY</c>; without a configured key they are off.</summary>
public sealed class AdminAuthFilter(IOptions<SecurityOptions> security) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var adminKey = security.Value.AdminApiKey;
        if (string.IsNullOrEmpty(adminKey))
        {
            return TypedResults.Json(new { message = "The admin API is disabled: set LANTERN_ADMIN_API_KEY to enable it." },
                statusCode: StatusCodes.Status403Forbidden);
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(adminKey)))
        {
            return TypedResults.Json(new { message = "Invalid admin API key" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
    }
}
