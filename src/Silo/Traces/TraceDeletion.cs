using Npgsql;

namespace Lantern.Silo.Traces;

/// <summary>Deletes a trace with its observations and scores, or single scores (their rollup contribution is removed by the same commit).</summary>
internal static class TraceDeletion
{
    public static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string projectId, string traceId)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command("DELETE FROM scores WHERE project_id = $1 AND trace_id = $2", projectId, traceId),
                Command("DELETE FROM observations WHERE project_id = $1 AND trace_id = $2", projectId, traceId),
                Command("DELETE FROM traces WHERE project_id = $1 AND id = $2", projectId, traceId),
            },
        };
        await batch.ExecuteNonQueryAsync();
    }

    public static async Task DeleteScoresAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string projectId, IReadOnlyList<string> scoreIds)
    {
        await using var command = new NpgsqlCommand("DELETE FROM scores WHERE project_id = $1 AND id = ANY($2)", connection, transaction)
        {
            Parameters = { new NpgsqlParameter { Value = projectId }, new NpgsqlParameter { Value = scoreIds.ToArray() } },
        };
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlBatchCommand Command(string sql, string projectId, string traceId) =>
        new(sql) { Parameters = { new NpgsqlParameter { Value = projectId }, new NpgsqlParameter { Value = traceId } } };
}
