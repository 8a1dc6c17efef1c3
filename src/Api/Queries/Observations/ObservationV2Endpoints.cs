using System.Text.Json.Nodes;
using Lantern.Api.Auth;
using Lantern.Silo.Encryption;
using Npgsql;

namespace Lantern.Api.Queries.Observations;

/// <summary>
/// <c>GET /api/public/v2/observations</c> (JS v5 <c>fetchObservations</c>): the v1 filters plus <c>sessionId</c> and
/// <c>isRootObservation</c>, field groups, and cursor pages that stay stable while observations keep arriving.
/// </summary>
public static class ObservationV2Endpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 1000;

    private static readonly string Columns =
        string.Join(", ", ObservationRows.Columns.Split(',').Select(c => "o." + c.Trim())) +
        ", t.user_id AS trace_user_id, t.session_id AS trace_session_id, t.bookmarked AS trace_bookmarked, t.public AS trace_public," +
        " t.tags AS trace_tags, t.release AS trace_release, t.name AS trace_name";

    public static IEndpointRouteBuilder MapObservationV2Endpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/v2/observations", ListAsync).RequireProjectKey().WithTags("Observations")
            .WithSummary("Observations with field groups, newest first, in cursor pages");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, NpgsqlDataSource dataSource, PayloadCipher cipher)
    {
        var query = http.Request.Query;
        if (query["parseIoAsJson"].ToString() == "true")
        {
            return ApiResults.BadRequest("parseIoAsJson: not supported; input and output are returned as JSON strings");
        }

        var groups = ObservationFieldGroups.Parse(query["fields"].ToString(), out var error);
        var where = groups is null ? null : ObservationFilter.Parse(query, http.ProjectAccess().ProjectId, out error);
        var limit = query["limit"].ToString() is { Length: > 0 } text ? (int.TryParse(text, out var n) ? n : -1) : DefaultLimit;
        if (where is null)
        {
            return ApiResults.BadRequest(error!);
        }

        if (limit is < 1 or > MaxLimit)
        {
            return ApiResults.BadRequest($"limit: expected an integer from 1 to {MaxLimit}");
        }

        if (query["cursor"].ToString() is { Length: > 0 } cursorText)
        {
            if (!ObservationCursor.TryDecode(cursorText, out var cursor))
            {
                return ApiResults.BadRequest("cursor: not a cursor this API returned");
            }

            var (time, id) = (where.Parameter(cursor.StartTime.UtcDateTime), where.Parameter(cursor.Id));
            where.Require($"(o.start_time, o.id) < ({time}, {id})");
        }

        var expand = query["expandMetadata"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);
        var sql = $"SELECT {Columns} FROM observations o LEFT JOIN traces t ON t.project_id = o.project_id AND t.id = o.trace_id " +
                  $"{where.Clause} ORDER BY o.start_time DESC, o.id DESC LIMIT {where.Parameter(limit + 1)}";
        var data = new List<JsonObject>(limit);
        ObservationView? last = null;
        var more = false;
        await using var command = where.Command(dataSource, sql);
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        while (await reader.ReadAsync(http.RequestAborted))
        {
            if (data.Count == limit)
            {
                more = true;
                break;
            }

            last = ObservationRows.Read(reader, cipher);
            data.Add(ObservationFieldGroups.Project(last, TraceContext(reader), groups!, expand));
        }

        var meta = more ? new JsonObject { ["cursor"] = new ObservationCursor(last!.StartTime, last.Id).Encode() } : new JsonObject();
        return TypedResults.Ok(new { data, meta });
    }

    private static ObservationTraceContext TraceContext(NpgsqlDataReader reader) => new(
        reader.Text("trace_user_id"), reader.Text("trace_session_id"), reader.Value<bool>("trace_bookmarked") ?? false,
        reader.Value<bool>("trace_public") ?? false,
        reader.IsDBNull(reader.GetOrdinal("trace_tags")) ? [] : reader.GetFieldValue<string[]>(reader.GetOrdinal("trace_tags")),
        reader.Text("trace_release"), reader.Text("trace_name"));
}
