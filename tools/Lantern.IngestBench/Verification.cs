using Npgsql;

namespace Lantern.IngestBench;

/// <summary>
/// Correctness under load: after the run, every acknowledged event must be visible in the stored rows. Each of a trace's six
/// events leaves a mark (the trace row, its output; the span row, its end; the generation row with its model, its end and
/// usage), so an acked event whose mark is missing was lost.
/// </summary>
internal sealed record Verification(long AckedEvents, long MissingEvents, IReadOnlyList<string> Examples)
{
    public static async Task<Verification> CheckAsync(NpgsqlDataSource db, string projectId, TraceIds ids, IReadOnlyList<AckedBatch> batches)
    {
        var marks = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = db.CreateCommand("SELECT id, output IS NOT NULL FROM traces WHERE project_id = $1 AND id LIKE $2"))
        {
            command.Parameters.Add(new() { Value = projectId });
            command.Parameters.Add(new() { Value = ids.RunId + "-%" });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                marks[reader.GetString(0)] = 1 << 0 | (reader.GetBoolean(1) ? 1 << 5 : 0);
            }
        }

        await using (var command = db.CreateCommand("""
            SELECT trace_id, type, model IS NOT NULL, end_time IS NOT NULL, usage_details <> '{}'::jsonb
            FROM observations WHERE project_id = $1 AND trace_id LIKE $2
            """))
        {
            command.Parameters.Add(new() { Value = projectId });
            command.Parameters.Add(new() { Value = ids.RunId + "-%" });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var (trace, generation, ended) = (reader.GetString(0), reader.GetString(1) == "GENERATION", reader.GetBoolean(3));
                var bits = generation
                    ? (reader.GetBoolean(2) ? 1 << 3 : 0) | (ended && reader.GetBoolean(4) ? 1 << 4 : 0)
                    : 1 << 1 | (ended ? 1 << 2 : 0);
                marks[trace] = marks.GetValueOrDefault(trace) | bits;
            }
        }

        long acked = 0, missing = 0;
        var examples = new List<string>();
        foreach (var batch in batches)
        {
            for (var index = batch.FirstTrace; index < batch.FirstTrace + batch.Traces; index++)
            {
                var traceId = ids.Of(index);
                var stored = marks.GetValueOrDefault(traceId);
                for (var kind = 0; kind < Workload.EventsPerTrace; kind++)
                {
                    var eventId = Workload.EventId(traceId, kind);
                    if (batch.RejectedIds.Contains(eventId))
                    {
                        continue;
                    }

                    acked++;
                    if ((stored & 1 << kind) == 0)
                    {
                        missing++;
                        if (examples.Count < 5)
                        {
                            examples.Add(eventId);
                        }
                    }
                }
            }
        }

        return new Verification(acked, missing, examples);
    }
}
