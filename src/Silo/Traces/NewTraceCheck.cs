using System.Text.Json;
using Lantern.Grains.Traces;
using Npgsql;

namespace Lantern.Silo.Traces;

/// <summary>
/// The first statement of a commit carrying writes of grains that took their trace for new (<see cref="TraceWrite.Unread"/>):
/// <c>lantern_check_new_traces</c> raises, naming them, when any of those traces has stored rows, which rolls the whole
/// commit back (migration 0036). Its lookups keep their plans for the connection while their table is empty or its
/// statistics count enough rows, and are planned per call otherwise (migration 0037).
/// </summary>
internal static class NewTraceCheck
{
    public const string SqlState = "LNT01";

    public static NpgsqlBatchCommand? Command(IReadOnlyList<TraceWrite> writes)
    {
        var unread = writes.Where(w => w.Unread).Select(w => (w.ProjectId, w.TraceId)).Distinct().ToList();
        return unread.Count == 0
            ? null
            : new NpgsqlBatchCommand("SELECT * FROM lantern_check_new_traces($1::text[], $2::text[])")
            {
                Parameters =
                {
                    new NpgsqlParameter { Value = unread.Select(k => k.ProjectId).ToArray() },
                    new NpgsqlParameter { Value = unread.Select(k => k.TraceId).ToArray() },
                },
            };
    }

    /// <summary>The traces the check found stored: its message is a JSON array of <c>[project_id, trace_id]</c>.</summary>
    public static HashSet<(string ProjectId, string TraceId)> StoredTraces(PostgresException exception)
    {
        using var document = JsonDocument.Parse(exception.MessageText);
        return [.. document.RootElement.EnumerateArray().Select(pair => (pair[0].GetString()!, pair[1].GetString()!))];
    }
}
