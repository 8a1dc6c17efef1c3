using Lantern.Grains.Traces;
using Lantern.Silo.Encryption;
using Lantern.Silo.Storage;
using Npgsql;

namespace Lantern.Silo.Traces;

/// <summary>
/// Loads a trace grain's state through the group load (for traces whose grain left memory recently, that a commit found
/// stored, or that are being deleted: any other trace is taken for new and checked by its first commit) and commits its
/// writes through the group commit, encrypting their payloads first (when a key is set). A score without a trace is read
/// on the key lookups' connections, planned for its key (a plan made on an empty table would read the project's scores).
/// </summary>
public sealed class PostgresTraceStore(
    KeyLookupDataSource lookups, TraceLoadBatcher loader, TraceWriteBatcher batcher, PayloadCipher cipher, ReleasedTraces released) : ITraceStore
{
    public Task CommitAsync(TraceWrite write, CancellationToken cancellationToken) => batcher.CommitAsync(TracePayloads.Encrypt(write, cipher), cancellationToken);

    public Task<TraceAggregate> LoadAsync(string projectId, string traceId, CancellationToken cancellationToken) =>
        loader.LoadAsync(projectId, traceId, cancellationToken);

    public bool ReadsOnActivation(string grainKey) => released.Contains(grainKey);

    public void Released(string grainKey) => released.Add(grainKey);

    public async Task<Entity?> LoadScoreAsync(string projectId, string scoreId, CancellationToken cancellationToken)
    {
        await using var connection = await lookups.Source.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { Command("SELECT id, fields, NULL::jsonb, NULL::jsonb, metadata FROM scores WHERE project_id = $1 AND id = $2", projectId, scoreId) },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? TracePayloads.Decode(cipher, EntityKind.Score, projectId, reader.GetString(0), reader.GetString(1), null, null, Text(reader, 4), null)
            : null;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static NpgsqlBatchCommand Command(string sql, string projectId, string scoreId) =>
        new(sql) { Parameters = { new NpgsqlParameter { Value = projectId }, new NpgsqlParameter { Value = scoreId } } };
}
