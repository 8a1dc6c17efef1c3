using Lantern.Silo.Storage;
using Npgsql;

namespace Lantern.Silo.Traces;

/// <summary>
/// Finds the trace of stored observations. Only events that omit <c>traceId</c> need it (rare: the SDKs always send it), so
/// an update without one still lands on the trace its create went to instead of forking an orphan copy.
/// </summary>
public sealed class ObservationTraceLookup(KeyLookupDataSource lookups)
{
    public async Task<IReadOnlyDictionary<string, string>> FindAsync(string projectId, IReadOnlyCollection<string> observationIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (observationIds.Count == 0)
        {
            return found;
        }

        await using var command = lookups.Source.CreateCommand("SELECT id, trace_id FROM observations WHERE project_id = $1 AND id = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = projectId });
        command.Parameters.Add(new NpgsqlParameter { Value = observationIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = reader.GetString(1);
        }

        return found;
    }
}
