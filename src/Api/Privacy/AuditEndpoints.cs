using Lantern.Api.Admin;
using Lantern.Api.Queries;
using Lantern.Silo.Privacy;

namespace Lantern.Api.Privacy;

/// <summary><c>GET /api/admin/audit</c>: the audit trail, newest first, paged, optionally filtered by project and action.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditLog(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/audit", ListAsync).AddEndpointFilter<AdminAuthFilter>().WithTags("Admin").WithName("ListAudit");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, AuditLog audit)
    {
        if (PageRequest.Parse(http.Request.Query, out var error, maxLimit: 1000) is not { } page)
        {
            return ApiResults.BadRequest(error!);
        }

        var projectId = http.Request.Query["projectId"].ToString() is { Length: > 0 } p ? p : null;
        var action = http.Request.Query["action"].ToString() is { Length: > 0 } a ? a : null;
        var (entries, total) = await audit.ListAsync(projectId, action, page.Offset, page.Limit, http.RequestAborted);
        return TypedResults.Ok(new
        {
            data = entries,
            meta = new { page = page.Page, limit = page.Limit, totalItems = total, totalPages = (total + page.Limit - 1) / page.Limit },
        });
    }
}
