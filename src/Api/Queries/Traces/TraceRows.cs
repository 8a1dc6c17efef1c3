using Lantern.Silo.Encryption;
using Npgsql;

namespace Lantern.Api.Queries.Traces;

/// <summary>Maps a <c>traces</c> row (with the ids of its observations and scores) to its read shape.</summary>
public static class TraceRows
{
    public const string Columns = """
        t.project_id, t.id, t.timestamp, t.name, t.user_id, t.session_id, t.release, t.version, t.environment, t.public, t.bookmarked,
        t.tags, t.input, t.output, t.metadata, t.total_cost, t.latency, t.created_at, t.updated_at,
        array(SELECT o.id FROM observations o WHERE o.project_id = t.project_id AND o.trace_id = t.id ORDER BY o.start_time) AS observation_ids,
        array(SELECT s.id FROM scores s WHERE s.project_id = t.project_id AND s.trace_id = t.id ORDER BY s.timestamp) AS score_ids
        """;

    public static TraceView Read(NpgsqlDataReader reader, PayloadCipher cipher)
    {
        var projectId = reader.GetString(reader.GetOrdinal("project_id"));
        var id = reader.GetString(reader.GetOrdinal("id"));
        return new TraceView(
            id, projectId, reader.Time("timestamp")!.Value, reader.Text("name"), reader.Payload(cipher, "traces", "input"), reader.Payload(cipher, "traces", "output"),
            reader.Text("session_id"), reader.Text("release"), reader.Text("version"), reader.Text("user_id"), reader.Payload(cipher, "traces", "metadata"),
            reader.GetFieldValue<string[]>(reader.GetOrdinal("tags")), reader.GetBoolean(reader.GetOrdinal("public")),
            reader.GetBoolean(reader.GetOrdinal("bookmarked")), reader.GetString(reader.GetOrdinal("environment")), null,
            reader.Time("created_at")!.Value, reader.Time("updated_at")!.Value, $"/project/{projectId}/traces/{id}",
            reader.GetDouble(reader.GetOrdinal("latency")), reader.GetDecimal(reader.GetOrdinal("total_cost")),
            reader.GetFieldValue<string[]>(reader.GetOrdinal("observation_ids")), reader.GetFieldValue<string[]>(reader.GetOrdinal("score_ids")));
    }
}
