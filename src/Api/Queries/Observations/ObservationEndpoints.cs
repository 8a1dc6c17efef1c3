using Lantern.Api.Auth;
using Lantern.Api.Queries.Traces;
using Lantern.Silo.Encryption;
using Npgsql;

namespace Lantern.Api.Queries.Observations;

/// <summary><c>GET /api/public/observations</c> (v1 pages) and <c>/observations/{id}</c> (reference §5.2).</summary>
public static class ObservationEndpoints
{
    public static IEndpointRouteBuilder MapObservationEndpoints(this IEndpointRouteBuilder app)
    {
        var observations = app.MapGroup("/api/public/observations").RequireProjectKey().WithTags("Observations");
        observations.MapGet("/", ListAsync);
        observations.MapGet("/{observationId}", GetAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, NpgsqlDataSource dataSource, TraceQueries traces, PayloadCipher cipher)
    {
        var page = PageRequest.Parse(http.Request.Query, out var error);
        var where = page is null ? null : ObservationFilter.Parse(http.Request.Query, http.ProjectAccess().ProjectId, out error);
        if (page is null || where is null)
        {
            return ApiResults.BadRequest(error!);
        }

        var total = await traces.CountAsync("observations o", where, http.RequestAborted);
        var sql = $"SELECT {ObservationRows.Columns} FROM observations o {where.Clause} ORDER BY o.start_time DESC, o.id " +
                  $"LIMIT {where.Parameter(page.Value.Limit)} OFFSET {where.Parameter(page.Value.Offset)}";
        var rows = new List<ObservationView>(page.Value.Limit);
        await using var command = where.Command(dataSource, sql);
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        while (await reader.ReadAsync(http.RequestAborted))
        {
            rows.Add(ObservationRows.Read(reader, cipher));
        }

        return TypedResults.Ok(new Paged<ObservationView>(rows, PageMeta.Of(page.Value, total)));
    }

    private static async Task<IResult> GetAsync(string observationId, HttpContext http, NpgsqlDataSource dataSource, PayloadCipher cipher)
    {
        await using var command = dataSource.CreateCommand($"SELECT {ObservationRows.Columns} FROM observations WHERE project_id = $1 AND id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = http.ProjectAccess().ProjectId });
        command.Parameters.Add(new NpgsqlParameter { Value = observationId });
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        return await reader.ReadAsync(http.RequestAborted)
            ? TypedResults.Ok(ObservationRows.Read(reader, cipher))
            : ApiResults.NotFound($"Observation {observationId} not found within authorized project");
    }
}
