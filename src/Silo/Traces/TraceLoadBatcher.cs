using System.Threading.Channels;
using Lantern.Grains.Traces;
using Lantern.Silo.Encryption;
using Lantern.Silo.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Lantern.Silo.Traces;

/// <summary>
/// Group load for trace grain activations: every new trace in an ingestion batch activates a grain that must read its
/// stored rows first, and one query per trace (three statements, a pooled connection, a round trip) cost more than the
/// group commit that follows. Loads queued while a query runs go into the next one, so a batch of traces is read at once.
/// </summary>
public sealed partial class TraceLoadBatcher : IAsyncDisposable
{
    private const int MaxLoadsPerQuery = 1_000;
    private const string Keys = "unnest($1::text[], $2::text[]) AS k (project_id, id)";
    private readonly Channel<PendingLoad> _queue = Channel.CreateUnbounded<PendingLoad>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NpgsqlDataSource _dataSource;
    private readonly PayloadCipher _cipher;
    private readonly ILogger<TraceLoadBatcher> _logger;
    private readonly Task _loop;

    public TraceLoadBatcher(KeyLookupDataSource lookups, PayloadCipher cipher, ILogger<TraceLoadBatcher> logger)
    {
        // Planned for each batch: a generic plan made while the tables were small would scan them whole once they are not.
        _dataSource = lookups.Source;
        _cipher = cipher;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public async Task<TraceAggregate> LoadAsync(string projectId, string traceId, CancellationToken cancellationToken)
    {
        var pending = new PendingLoad(projectId, traceId);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Loaded.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingLoad>(MaxLoadsPerQuery);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxLoadsPerQuery && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await ExecuteAsync(batch);
                batch.ForEach(p => p.Complete());
            }
            catch (Exception exception)
            {
                LogLoadFailed(_logger, exception, batch.Count);
                batch.ForEach(p => p.Fail(exception));
            }

            batch.Clear();
        }
    }

    private async Task ExecuteAsync(List<PendingLoad> batch)
    {
        // One grain per key, but a key may be queued twice (an activation retried after a failure): both get the rows.
        var byKey = batch.ToLookup(p => (p.ProjectId, p.TraceId));
        var projectIds = batch.Select(p => p.ProjectId).ToArray();
        var traceIds = batch.Select(p => p.TraceId).ToArray();
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command($"SELECT t.project_id, t.id, t.id, t.fields, t.input, t.output, t.metadata, t.tags FROM {Keys} JOIN traces t USING (project_id, id)", projectIds, traceIds),
                Command($"SELECT o.project_id, o.trace_id, o.id, o.fields, o.input, o.output, o.metadata FROM {Keys} JOIN observations o ON o.project_id = k.project_id AND o.trace_id = k.id", projectIds, traceIds),
                Command($"SELECT s.project_id, s.trace_id, s.id, s.fields, NULL::jsonb, NULL::jsonb, s.metadata FROM {Keys} JOIN scores s ON s.project_id = k.project_id AND s.trace_id = k.id", projectIds, traceIds),
            },
        };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            foreach (var pending in byKey[(reader.GetString(0), reader.GetString(1))])
            {
                pending.Aggregate.Trace = Read(reader, EntityKind.Trace, reader.GetFieldValue<string[]>(7));
            }
        }

        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            foreach (var pending in byKey[(reader.GetString(0), reader.GetString(1))])
            {
                var observation = Read(reader, EntityKind.Observation, null);
                pending.Aggregate.Observations[observation.Id] = observation;
            }
        }

        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            foreach (var pending in byKey[(reader.GetString(0), reader.GetString(1))])
            {
                var score = Read(reader, EntityKind.Score, null);
                pending.Aggregate.Scores[score.Id] = score;
            }
        }
    }

    // Columns 0 and 2..6 are project_id, id, fields, input, output, metadata; the payloads are decrypted before the merge state sees them.
    private Entity Read(NpgsqlDataReader reader, EntityKind kind, string[]? tags) =>
        TracePayloads.Decode(_cipher, kind, reader.GetString(0), reader.GetString(2), reader.GetString(3), Text(reader, 4), Text(reader, 5), Text(reader, 6), tags);

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static NpgsqlBatchCommand Command(string sql, string[] projectIds, string[] traceIds) =>
        new(sql) { Parameters = { new NpgsqlParameter { Value = projectIds }, new NpgsqlParameter { Value = traceIds } } };

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Group load of {Traces} trace grains failed")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, int traces);
}
