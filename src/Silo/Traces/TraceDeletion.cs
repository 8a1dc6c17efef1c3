using Lantern.Grains.Traces;
using Npgsql;

namespace Lantern.Silo.Traces;

/// <summary>Deletes a trace with its observations and scores, or single scores (their rollup contribution is removed by the same commit).</summary>
internal static class TraceDeletion
{
    /// <summary>The statements that carry out <paramref name="write"/>'s deletion, if it deletes anything.</summary>
    public static IEnumerable<NpgsqlBatchCommand> Commands(TraceWrite write)
    {
        if (write.DeleteTrace)
        {
            yield return Command("DELETE FROM scores WHERE project_id = $1 AND trace_id = $2", write.ProjectId, write.TraceId);
            yield return Command("DELETE FROM observations WHERE project_id = $1 AND trace_id = $2", write.ProjectId, write.TraceId);
            yield return Command("DELETE FROM traces WHERE project_id = $1 AND id = $2", write.ProjectId, write.TraceId);
        }
        else if (write.DeletedScoreIds is { Count: > 0 } scoreIds)
        {
            yield return Command("DELETE FROM scores WHERE project_id = $1 AND id = ANY($2)", write.ProjectId, scoreIds.ToArray());
        }
    }

    private static NpgsqlBatchCommand Command(string sql, string projectId, object keys) =>
        new(sql) { Parameters = { new NpgsqlParameter { Value = projectId }, new NpgsqlParameter { Value = keys } } };
}
