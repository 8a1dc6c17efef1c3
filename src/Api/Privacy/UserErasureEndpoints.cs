using Lantern.Api.Auth;
using Lantern.Silo.Privacy;

namespace Lantern.Api.Privacy;

/// <summary>
/// <c>DELETE /api/public/users/{userId}</c>: GDPR erasure of one user of the key's project. Answers the receipt that is
/// also kept in the audit trail. Erasing a user with nothing stored still answers a receipt (with zero counts).
/// </summary>
public static class UserErasureEndpoints
{
    public static IEndpointRouteBuilder MapUserErasure(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/public/users/{userId}", EraseAsync).RequireProjectKey().WithTags("Privacy").WithName("EraseUser");
        return app;
    }

    private static async Task<IResult> EraseAsync(string userId, HttpContext http, UserErasure erasure)
    {
        var access = http.ProjectAccess();
        // The erasure must finish once started: a client that disconnects must not leave the user half erased.
        var receipt = await erasure.EraseAsync(access.ProjectId, userId, $"key:{access.PublicKey}", CancellationToken.None);
        return TypedResults.Ok(receipt);
    }
}
