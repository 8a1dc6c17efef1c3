using Lantern.Api.Auth;
using Lantern.Api.Queries.Traces;
using Npgsql;

namespace Lantern.Api.Queries.Sessions;

/// <summary><c>GET /api/public/sessions</c> and <c>/sessions/{id}</c> with its traces (reference §5.3).</summary>
public static class SessionEndpoints
{
    // Langfuse returns every trace of a session; past this many, clients should page /traces?sessionId= or use /summary.
    private const int MaxTraces = 100_000;

    private const string SessionsOf = """
        (SELECT t.project_id, t.session_id AS id, min(t.timestamp) AS created_at, min(t.environment) AS environment
         FROM traces t {0} GROUP BY t.project_id, t.session_id) s
        """;

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/public/sessions").RequireProjectKey().WithTags("Sessions");
        sessions.MapGet("/", ListAsync);
        sessions.MapGet("/{sessionId}", GetAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, NpgsqlDataSource dataSource)
    {
        var query = http.Request.Query;
        var page = PageRequest.Parse(query, out var error);
        if (page is null || !QueryTime.TryParse(query, "fromTimestamp", out var from, out error) ||
            !QueryTime.TryParse(query, "toTimestamp", out var to, out error))
        {
            return ApiResults.BadRequest(error!);
        }

        var where = new SqlWhere("t.project_id", http.ProjectAccess().ProjectId).Require("t.session_id IS NOT NULL");
        if (TraceListRequest.Values(query, "environment") is { Length: > 0 } environments)
        {
            where.Add("t.environment = ANY({0})", environments);
        }

        var sessions = string.Format(System.Globalization.CultureInfo.InvariantCulture, SessionsOf, where.Clause);
        var outer = new List<string>();
        if (from is not null)
        {
            outer.Add($"s.created_at >= {where.Parameter(from.Value.UtcDateTime)}");
        }

        if (to is not null)
        {
            outer.Add($"s.created_at < {where.Parameter(to.Value.UtcDateTime)}");
        }

        var filter = outer.Count == 0 ? "" : "WHERE " + string.Join(" AND ", outer);
        await using var count = where.Command(dataSource, $"SELECT count(*) FROM {sessions} {filter}");
        var total = (long)(await count.ExecuteScalarAsync(http.RequestAborted))!;
        var sql = $"SELECT * FROM {sessions} {filter} ORDER BY s.created_at DESC, s.id " +
                  $"LIMIT {where.Parameter(page.Value.Limit)} OFFSET {where.Parameter(page.Value.Offset)}";
        await using var command = where.Command(dataSource, sql);
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        var rows = new List<SessionView>();
        while (await reader.ReadAsync(http.RequestAborted))
        {
            rows.Add(new SessionView(reader.GetString(1), reader.Time("created_at")!.Value, reader.GetString(0), reader.GetString(3)));
        }

        return TypedResults.Ok(new Paged<SessionView>(rows, PageMeta.Of(page.Value, total)));
    }

    private static async Task<IResult> GetAsync(string sessionId, HttpContext http, TraceQueries traces)
    {
        var projectId = http.ProjectAccess().ProjectId;
        var request = new TraceListRequest(new PageRequest(1, MaxTraces),
            new SqlWhere("t.project_id", projectId).Add("t.session_id = {0}", sessionId), "t.timestamp ASC", TraceFields.All);
        var page = await traces.ListAsync(request, http.RequestAborted);
        if (page.Data.Count == 0)
        {
            return ApiResults.NotFound($"Session {sessionId} not found within authorized project");
        }

        var first = page.Data[0];
        return TypedResults.Ok(new SessionDetailView(sessionId, first.Timestamp, projectId, first.Environment, page.Data));
    }
}
