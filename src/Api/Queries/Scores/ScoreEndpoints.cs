using System.Text.Json;
using System.Text.Json.Nodes;
using Lantern.Api.Auth;
using Lantern.Api.Ingestion;
using Lantern.Api.Queries.Traces;
using Lantern.Contracts.Ingestion;
using Lantern.Silo.Cluster;
using Lantern.Silo.Encryption;
using Npgsql;

namespace Lantern.Api.Queries.Scores;

/// <summary>Scores: create through the ingestion path, list (v1 trace scores and v2), read and delete one (reference §5.4).</summary>
public static class ScoreEndpoints
{
    public static IEndpointRouteBuilder MapScoreEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/public/scores", CreateAsync).RequireProjectKey(allowScoresOnly: true).WithTags("Scores");
        var v1 = app.MapGroup("/api/public/scores").RequireProjectKey().WithTags("Scores");
        v1.MapGet("/", (HttpContext http, NpgsqlDataSource db, TraceQueries traces, PayloadCipher cipher) => ListAsync(http, db, traces, cipher, traceScoresOnly: true));
        v1.MapGet("/{scoreId}", GetAsync);
        v1.MapDelete("/{scoreId}", DeleteAsync);
        var v2 = app.MapGroup("/api/public/v2/scores").RequireProjectKey().WithTags("Scores");
        v2.MapGet("/", (HttpContext http, NpgsqlDataSource db, TraceQueries traces, PayloadCipher cipher) => ListAsync(http, db, traces, cipher, traceScoresOnly: false));
        v2.MapGet("/{scoreId}", GetAsync);
        return app;
    }

    // The score's owner deletes it: its trace grain (which also takes it out of the rollups) or, without a trace, its score
    // grain; in a cluster on the silo holding that grain's partition, and the answer waits for that silo's.
    private static async Task<IResult> DeleteAsync(string scoreId, HttpContext http, NpgsqlDataSource dataSource, IOwnerDeletions owners)
    {
        var projectId = http.ProjectAccess().ProjectId;
        await using var command = dataSource.CreateCommand("SELECT coalesce(trace_id, '') FROM scores WHERE project_id = $1 AND id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = projectId });
        command.Parameters.Add(new NpgsqlParameter { Value = scoreId });
        var deleted = await command.ExecuteScalarAsync(http.RequestAborted) is string traceId &&
                      await owners.DeleteScoreAsync(projectId, scoreId, traceId, CancellationToken.None);
        return deleted
            ? TypedResults.Ok(new { message = "Score deleted successfully" })
            : ApiResults.NotFound($"Score {scoreId} not found within authorized project");
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IIngestionPipeline pipeline)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            return ApiResults.BadRequest("body: expected a JSON object");
        }

        if (body["source"]?.GetValueKind() == JsonValueKind.String && (string)body["source"]! == "EVAL")
        {
            return ApiResults.BadRequest("source: expected API or ANNOTATION");
        }

        var id = body["id"]?.GetValueKind() == JsonValueKind.String ? (string)body["id"]! : Guid.NewGuid().ToString();
        body["id"] = id;
        var entry = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(), ["type"] = "score-create",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["body"] = body,
        };
        using var document = StorableJson.Parse(entry);
        var (@event, error) = EventValidator.Validate(document.RootElement);
        if (error is not null)
        {
            return ApiResults.BadRequest(error.Error ?? "invalid score");
        }

        var response = await pipeline.IngestAsync(http.ProjectAccess().ProjectId, [@event!], http.RequestAborted);
        return response.Errors.Count == 0
            ? TypedResults.Ok(new { id })
            : TypedResults.Json(new { message = "Internal Server Error", error = "the score could not be stored" }, statusCode: StatusCodes.Status500InternalServerError);
    }

    private static async Task<IResult> ListAsync(HttpContext http, NpgsqlDataSource dataSource, TraceQueries traces, PayloadCipher cipher, bool traceScoresOnly)
    {
        var request = ScoreListRequest.Parse(http.ProjectAccess().ProjectId, http.Request.Query, traceScoresOnly, out var error);
        if (request is not { } parsed)
        {
            return ApiResults.BadRequest(error!);
        }

        var (page, where) = parsed;
        var total = await traces.CountAsync("scores s", where, http.RequestAborted);
        var sql = $"SELECT {ScoreRows.Columns} FROM scores s {where.Clause} ORDER BY s.timestamp DESC, s.id " +
                  $"LIMIT {where.Parameter(page.Limit)} OFFSET {where.Parameter(page.Offset)}";
        await using var command = where.Command(dataSource, sql);
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        var rows = new List<ScoreView>(page.Limit);
        while (await reader.ReadAsync(http.RequestAborted))
        {
            rows.Add(ScoreRows.Read(reader, cipher));
        }

        return TypedResults.Ok(new Paged<ScoreView>(rows, PageMeta.Of(page, total)));
    }

    private static async Task<IResult> GetAsync(string scoreId, HttpContext http, NpgsqlDataSource dataSource, PayloadCipher cipher)
    {
        await using var command = dataSource.CreateCommand($"SELECT {ScoreRows.Columns} FROM scores WHERE project_id = $1 AND id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = http.ProjectAccess().ProjectId });
        command.Parameters.Add(new NpgsqlParameter { Value = scoreId });
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        return await reader.ReadAsync(http.RequestAborted)
            ? TypedResults.Ok(ScoreRows.Read(reader, cipher))
            : ApiResults.NotFound($"Score {scoreId} not found within authorized project");
    }
}
