using Lantern.Api.Auth;
using Lantern.Api.Queries.Traces;
using Npgsql;

namespace Lantern.Api.Queries.Observations;

/// <summary><c>GET /api/public/observations</c> (v1 pages) and <c>/observations/{id}</c> (reference §5.2).</summary>
public static class ObservationEndpoints
{
    private static readonly string[] Types = ["SPAN", "GENERATION", "EVENT", "AGENT", "TOOL", "CHAIN", "RETRIEVER", "EVALUATOR", "EMBEDDING", "GUARDRAIL"];

    public static IEndpointRouteBuilder MapObservationEndpoints(this IEndpointRouteBuilder app)
    {
        var observations = app.MapGroup("/api/public/observations").RequireProjectKey().WithTags("Observations");
        observations.MapGet("/", ListAsync);
        observations.MapGet("/{observationId}", GetAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, NpgsqlDataSource dataSource, TraceQueries traces)
    {
        var query = http.Request.Query;
        var page = PageRequest.Parse(query, out var error);
        if (page is null || !QueryTime.TryParse(query, "fromStartTime", out var from, out error) ||
            !QueryTime.TryParse(query, "toStartTime", out var to, out error))
        {
            return ApiResults.BadRequest(error!);
        }

        var type = query["type"].ToString();
        if (type.Length > 0 && !Types.Contains(type, StringComparer.Ordinal))
        {
            return ApiResults.BadRequest($"type: expected one of {string.Join(", ", Types)}");
        }

        var where = new SqlWhere("o.project_id", http.ProjectAccess().ProjectId)
            .AddIf("o.name = {0}", query["name"].ToString())
            .AddIf("o.type = {0}", type)
            .AddIf("o.trace_id = {0}", query["traceId"].ToString())
            .AddIf("o.level = {0}", query["level"].ToString())
            .AddIf("o.parent_observation_id = {0}", query["parentObservationId"].ToString())
            .AddIf("o.version = {0}", query["version"].ToString())
            .AddIf("o.start_time >= {0}", from?.UtcDateTime)
            .AddIf("o.start_time < {0}", to?.UtcDateTime)
            .AddIf("EXISTS (SELECT 1 FROM traces t WHERE t.project_id = o.project_id AND t.id = o.trace_id AND t.user_id = {0})", query["userId"].ToString());
        if (TraceListRequest.Values(query, "environment") is { Length: > 0 } environments)
        {
            where.Add("o.environment = ANY({0})", environments);
        }

        var total = await traces.CountAsync("observations o", where, http.RequestAborted);
        var sql = $"SELECT {ObservationRows.Columns} FROM observations o {where.Clause} ORDER BY o.start_time DESC, o.id " +
                  $"LIMIT {where.Parameter(page.Value.Limit)} OFFSET {where.Parameter(page.Value.Offset)}";
        var rows = new List<ObservationView>(page.Value.Limit);
        await using var command = where.Command(dataSource, sql);
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        while (await reader.ReadAsync(http.RequestAborted))
        {
            rows.Add(ObservationRows.Read(reader));
        }

        return TypedResults.Ok(new Paged<ObservationView>(rows, PageMeta.Of(page.Value, total)));
    }

    private static async Task<IResult> GetAsync(string observationId, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"SELECT {ObservationRows.Columns} FROM observations WHERE project_id = $1 AND id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = http.ProjectAccess().ProjectId });
        command.Parameters.Add(new NpgsqlParameter { Value = observationId });
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        return await reader.ReadAsync(http.RequestAborted)
            ? TypedResults.Ok(ObservationRows.Read(reader))
            : ApiResults.NotFound($"Observation {observationId} not found within authorized project");
    }
}
