using Lantern.Api.Auth;
using Npgsql;

namespace Lantern.Api.Queries.Projects;

/// <summary><c>GET /api/public/projects</c>: exactly the key's project; the SDKs use it to build trace URLs (reference §5.6).</summary>
public static class ProjectEndpoints
{
    public static IEndpointRouteBuilder MapProjectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/projects", ListAsync).RequireProjectKey().WithTags("Projects");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name, org_id, org_name, settings->'retentionDays' FROM projects WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = http.ProjectAccess().ProjectId });
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        var data = new List<object>();
        while (await reader.ReadAsync(http.RequestAborted))
        {
            data.Add(new
            {
                id = reader.GetString(0),
                name = reader.GetString(1),
                organization = new { id = reader.GetString(2), name = reader.GetString(3) },
                metadata = new { },
                retentionDays = reader.IsDBNull(4) ? (int?)null : int.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        return TypedResults.Ok(new { data });
    }
}
