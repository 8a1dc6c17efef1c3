using System.Text.Json;
using Lantern.Api.Auth;
using Lantern.Silo.Privacy;

namespace Lantern.Api.Queries.Traces;

/// <summary><c>/api/public/traces</c>: list with Langfuse's filters, one trace in full, and deletion (reference §5.1).</summary>
public static class TraceEndpoints
{
    private const int MaxDeleteBatch = 1000;

    public static IEndpointRouteBuilder MapTraceEndpoints(this IEndpointRouteBuilder app)
    {
        var traces = app.MapGroup("/api/public/traces").RequireProjectKey().WithTags("Traces");
        traces.MapGet("/", ListAsync);
        traces.MapGet("/{traceId}", GetAsync);
        traces.MapDelete("/{traceId}", DeleteOneAsync);
        traces.MapDelete("/", DeleteManyAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, TraceQueries queries)
    {
        var request = TraceListRequest.Parse(http.ProjectAccess().ProjectId, http.Request.Query, out var error);
        return request is null ? ApiResults.BadRequest(error!) : TypedResults.Ok(await queries.ListAsync(request, http.RequestAborted));
    }

    private static async Task<IResult> GetAsync(string traceId, HttpContext http, TraceQueries queries)
    {
        var fields = TraceFields.Parse(http.Request.Query["fields"].ToString(), out var error);
        if (fields is null)
        {
            return ApiResults.BadRequest(error!);
        }

        var trace = await queries.GetAsync(http.ProjectAccess().ProjectId, traceId, fields, http.RequestAborted);
        return trace is null ? ApiResults.NotFound($"Trace {traceId} not found within authorized project") : TypedResults.Ok(trace);
    }

    private static async Task<IResult> DeleteOneAsync(string traceId, HttpContext http, ITraceDeleter deleter, AuditLog audit)
    {
        var access = http.ProjectAccess();
        await deleter.DeleteAsync(access.ProjectId, [traceId], http.RequestAborted);
        await audit.AppendAsync(access.ProjectId, $"key:{access.PublicKey}", AuditActions.TracesDeleted, traceId, new { traceIds = 1 }, CancellationToken.None);
        return TypedResults.Ok(new { message = "Trace deleted successfully" });
    }

    private static async Task<IResult> DeleteManyAsync(HttpContext http, ITraceDeleter deleter, AuditLog audit)
    {
        string[]? ids;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            ids = document.RootElement is
                { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("traceIds", out var list) && list.ValueKind == JsonValueKind.Array &&
                list.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
                    ? [.. list.EnumerateArray().Select(e => e.GetString()!)]
                    : null;
        }
        catch (JsonException)
        {
            ids = null;
        }

        if (ids is null or { Length: 0 or > MaxDeleteBatch })
        {
            return ApiResults.BadRequest($"traceIds: expected an array of 1 to {MaxDeleteBatch} trace ids");
        }

        var access = http.ProjectAccess();
        var distinct = ids.Distinct(StringComparer.Ordinal).ToArray();
        await deleter.DeleteAsync(access.ProjectId, distinct, http.RequestAborted);
        await audit.AppendAsync(access.ProjectId, $"key:{access.PublicKey}", AuditActions.TracesDeleted, null, new { traceIds = distinct.Length }, CancellationToken.None);
        return TypedResults.Ok(new { message = "Traces deleted successfully" });
    }
}
