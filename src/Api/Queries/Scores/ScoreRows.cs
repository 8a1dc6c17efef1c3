using Lantern.Silo.Encryption;
using Npgsql;

namespace Lantern.Api.Queries.Scores;

/// <summary>Maps a <c>scores</c> row to its read shape.</summary>
public static class ScoreRows
{
    public const string Columns = """
        project_id, id, trace_id, observation_id, session_id, dataset_run_id, name, value, string_value, data_type, source, comment,
        metadata, config_id, queue_id, environment, timestamp, created_at, updated_at
        """;

    public static ScoreView Read(NpgsqlDataReader reader, PayloadCipher cipher) => new(
        reader.GetString(reader.GetOrdinal("id")), reader.GetString(reader.GetOrdinal("project_id")), reader.Text("trace_id"),
        reader.Text("observation_id"), reader.Text("session_id"), reader.Text("dataset_run_id"), reader.GetString(reader.GetOrdinal("name")),
        reader.Value<double>("value"), reader.Text("string_value"), reader.GetString(reader.GetOrdinal("data_type")),
        reader.GetString(reader.GetOrdinal("source")), reader.Text("comment"), reader.Payload(cipher, "scores", "metadata"), reader.Text("config_id"),
        reader.Text("queue_id"), null, reader.GetString(reader.GetOrdinal("environment")), reader.Time("timestamp")!.Value,
        reader.Time("created_at")!.Value, reader.Time("updated_at")!.Value);
}
