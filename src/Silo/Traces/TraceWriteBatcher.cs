using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Lantern.Grains.Rollups;
using Lantern.Grains.Traces;
using Lantern.Silo.Cluster;
using Lantern.Silo.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lantern.Silo.Traces;

/// <summary>
/// Group commit for trace grains: writes queued while a transaction runs go into the next one, so under load one commit
/// (one WAL flush) carries hundreds of grain turns. Within a batch the last version of each row wins and rollup deltas are
/// summed per row. Rows their grains know to be new go in with binary COPY, the rest as bulk upserts. A failed commit fails
/// every write in it; nothing is acknowledged that is not committed. Several commits may run at once: a grain waits for
/// its write before its next turn, so their trace rows never overlap, and every transaction takes its row locks in key
/// order, so they cannot deadlock on the rollup rows they share. In a cluster each write carries its partition lease,
/// checked in the same transaction: a write under a lease that moved on is refused.
/// </summary>
public sealed partial class TraceWriteBatcher : IAsyncDisposable
{
    private readonly Channel<PendingWrite> _queue;
    private readonly NpgsqlDataSource _dataSource;
    private readonly IRollupNotifier _notifier;
    private readonly ILogger<TraceWriteBatcher> _logger;
    private readonly TraceWriteOptions _options;
    private readonly Histogram<double> _flushDuration;
    private readonly Counter<long> _flushRows;
    private readonly IWriteFencing? _fencing;
    private readonly Task[] _loops;

    public TraceWriteBatcher(
        NpgsqlDataSource dataSource, IRollupNotifier notifier, IOptions<TraceWriteOptions> options, IMeterFactory meters, ILogger<TraceWriteBatcher> logger,
        IWriteFencing? fencing = null)
    {
        _fencing = fencing;
        _dataSource = dataSource;
        _notifier = notifier;
        _logger = logger;
        _options = options.Value;
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(_options.MaxPendingWrites) { SingleReader = _options.MaxConcurrentCommits == 1 });
        var meter = meters.Create(SiloMeter.Name);
        _flushDuration = meter.CreateHistogram<double>("lantern_storage_flush_duration_seconds", "s", "Duration of group commits, by table group.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _flushRows = meter.CreateCounter<long>("lantern_storage_flush_rows_total", description: "Rows written by group commits, by table.");
        _loops = [.. Enumerable.Range(0, Math.Max(1, _options.MaxConcurrentCommits)).Select(_ => Task.Run(RunAsync))];
    }

    public async Task CommitAsync(TraceWrite write, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(write, _fencing?.FenceFor(PartitionKeys.Of(write)));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        await pending.Committed;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(_options.MaxWritesPerBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _options.MaxWritesPerBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count == 0)
            {
                // Another commit loop woke for the same writes and took them all: no empty transaction.
                continue;
            }

            try
            {
                var (changes, stale) = await ExecuteAsync(batch);
                batch.ForEach(p => Finish(p, stale));
                _notifier.Notify(changes);
            }
            catch (Exception exception)
            {
                LogCommitFailed(_logger, exception, batch.Count);
                batch.ForEach(p => p.Fail(exception));
            }

            batch.Clear();
        }
    }

    private static void Finish(PendingWrite pending, HashSet<WriteFence> stale)
    {
        if (pending.Fence is { } fence && stale.Contains(fence))
        {
            pending.Fail(new PartitionLeaseLostException(fence.SiloId, fence.Partition, fence.Fencing));
        }
        else
        {
            pending.Complete();
        }
    }

    private async Task<(List<RollupChange> Changes, HashSet<WriteFence> Stale)> ExecuteAsync(List<PendingWrite> batch)
    {
        try
        {
            return await ExecuteAsync(batch, insertNewRows: true);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // A row its grain took for new was there after all (written by an earlier owner of its partition, or an
            // observation id two traces share): the same batch again, every row upserted.
            LogNewRowExisted(_logger, exception.TableName);
            return await ExecuteAsync(batch, insertNewRows: false);
        }
    }

    private async Task<(List<RollupChange> Changes, HashSet<WriteFence> Stale)> ExecuteAsync(List<PendingWrite> batch, bool insertNewRows)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var stale = await LeaseFences.StaleAsync(connection, batch.Where(p => p.Fence is not null).Select(p => p.Fence!), CancellationToken.None);
        // A trace changes about four rollup rows: sized up front, the dictionary is not regrown (and rehashed) per commit.
        var rollups = new Dictionary<RollupKey, RollupValues>(batch.Count * 4);
        var segment = new List<TraceWrite>();
        foreach (var write in batch.Where(p => p.Fence is null || !stale.Contains(p.Fence)).Select(p => p.Write))
        {
            foreach (var (key, delta) in write.RollupDelta)
            {
                (CollectionsMarshal.GetValueRefOrAddDefault(rollups, key, out _) ??= new RollupValues()).Add(delta);
            }

            if (write.DeleteTrace || write.DeletedScoreIds is { Count: > 0 })
            {
                // Rows upserted earlier in the batch must exist before they are deleted.
                await WriteRowsAsync(connection, transaction, segment, insertNewRows);
                segment.Clear();
                await (write.DeleteTrace
                    ? TraceDeletion.ExecuteAsync(connection, transaction, write.ProjectId, write.TraceId)
                    : TraceDeletion.DeleteScoresAsync(connection, transaction, write.ProjectId, write.DeletedScoreIds!));
            }
            else
            {
                segment.Add(write);
            }
        }

        await WriteRowsAsync(connection, transaction, segment, insertNewRows);
        var changes = await UpsertRollupsAsync(connection, transaction, rollups);
        await transaction.CommitAsync();
        _flushDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("table", "traces"));
        return (changes, stale);
    }

    private async Task WriteRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<TraceWrite> writes, bool insertNewRows)
    {
        // The last write of a row in the batch carries its newest state. Rows their grain knows to be new are copied in;
        // the rest are upserted.
        var traces = LastPerKey(writes.Where(w => w.Trace is not null).Select(w => (Row: w.Trace!, New: w.TraceIsNew)), t => (t.Row.ProjectId, t.Row.Id));
        var observations = LastPerKey(
            writes.SelectMany(w => w.Observations.Select(o => (Row: o, New: w.NewObservationIds.Contains(o.Id)))), o => (o.Row.ProjectId, o.Row.Id));
        var scores = LastPerKey(writes.SelectMany(w => w.Scores), s => (s.ProjectId, s.Id));
        var (newTraces, storedTraces) = Split(traces, insertNewRows);
        var (newObservations, storedObservations) = Split(observations, insertNewRows);
        if (newTraces.Count > 0)
        {
            await BulkInsert.CopyAsync(connection, "traces", TraceColumns.Traces(newTraces), newTraces.Count);
        }

        if (newObservations.Count > 0)
        {
            await BulkInsert.CopyAsync(connection, "observations", TraceColumns.Observations(newObservations), newObservations.Count);
        }

        await using var command = new NpgsqlBatch(connection, transaction);
        if (storedTraces.Count > 0)
        {
            command.BatchCommands.Add(BulkUpsert.Command("traces", "project_id, id", TraceColumns.Traces(storedTraces)));
        }

        if (storedObservations.Count > 0)
        {
            command.BatchCommands.Add(BulkUpsert.Command("observations", "project_id, id", TraceColumns.Observations(storedObservations)));
        }

        if (scores.Count > 0)
        {
            command.BatchCommands.Add(BulkUpsert.Command("scores", "project_id, id", TraceColumns.Scores(scores)));
        }

        if (command.BatchCommands.Count > 0)
        {
            await command.ExecuteNonQueryAsync();
        }

        _flushRows.Add(traces.Count, new KeyValuePair<string, object?>("table", "traces"));
        _flushRows.Add(observations.Count, new KeyValuePair<string, object?>("table", "observations"));
        _flushRows.Add(scores.Count, new KeyValuePair<string, object?>("table", "scores"));
    }

    private static (List<T> New, List<T> Stored) Split<T>(List<(T Row, bool New)> rows, bool insertNewRows)
    {
        var (inserted, upserted) = (new List<T>(), new List<T>(rows.Count));
        foreach (var (row, isNew) in rows)
        {
            (isNew && insertNewRows ? inserted : upserted).Add(row);
        }

        return (inserted, upserted);
    }

    private async Task<List<RollupChange>> UpsertRollupsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Dictionary<RollupKey, RollupValues> rollups)
    {
        var changes = new List<RollupChange>();
        var rows = rollups.Where(r => !r.Value.IsZero).OrderBy(r => r.Key).ToList();
        if (rows.Count == 0)
        {
            return changes;
        }

        await using var command = new NpgsqlBatch(connection, transaction);
        command.BatchCommands.Add(BulkUpsert.Command("rollups", RollupColumns.ConflictKey, RollupColumns.Build(rows), RollupColumns.Returning));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var key = new RollupKey(reader.GetString(0), RollupColumns.ParseScope(reader.GetString(1)), reader.GetString(2),
                reader.GetInt32(3), new DateTimeOffset(reader.GetFieldValue<DateTime>(4).ToUniversalTime()), reader.GetString(5));
            changes.Add(new RollupChange(key, rollups[key], reader.GetInt64(6)));
        }

        _flushRows.Add(rows.Count, new KeyValuePair<string, object?>("table", "rollups"));
        return changes;
    }

    // Rows in key order: concurrent commits then lock shared rows in the same order.
    private static List<T> LastPerKey<T>(IEnumerable<T> rows, Func<T, (string ProjectId, string Id)> key)
    {
        var last = new Dictionary<(string ProjectId, string Id), T>();
        foreach (var row in rows)
        {
            last[key(row)] = row;
        }

        return [.. last.OrderBy(r => r.Key.ProjectId, StringComparer.Ordinal).ThenBy(r => r.Key.Id, StringComparer.Ordinal).Select(r => r.Value)];
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A row taken for new was already stored in {Table}: the group commit runs again as upserts")]
    private static partial void LogNewRowExisted(ILogger logger, string? table);

    [LoggerMessage(Level = LogLevel.Error, Message = "Group commit of {Writes} trace writes failed")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int writes);
}
