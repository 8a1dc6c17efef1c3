using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Lantern.Grains.Rollups;
using Lantern.Grains.Traces;
using Lantern.Silo.Cluster;
using Lantern.Silo.Rollups;
using Lantern.Silo.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lantern.Silo.Traces;

/// <summary>
/// Group commit for trace grains: writes queued while a transaction runs go into the next one, so under load one commit
/// (one WAL flush) carries hundreds of grain turns. Within a batch the last version of each row wins and rollup deltas are
/// summed per row. Rows their grains know to be new are inserted, the rest upserted, and the rollups upserted, all in one
/// batch of statements (one round trip). Writes of grains that took their trace for new without reading it are checked
/// first, in the same batch: one whose trace has stored rows goes back to its grain, and the rest commit again without
/// it. Any other failed commit fails every write in it; nothing is acknowledged that is not committed. Several commits
/// may run at once: a grain waits for its write before its next turn, so their trace rows never overlap, and every
/// transaction takes its row locks in key order, so they cannot deadlock on the rollup rows they share. A project's rows,
/// which every commit changes, are striped by commit loop (the loop's index in the row's <c>scope_version</c>; readers sum
/// a project's rows), so that commits side by side do not wait for one another on them (docs/benchmarks.md, round 28).
/// In a cluster each write carries its partition lease, checked in the same transaction: a write under a lease that
/// moved on is refused.
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
    private readonly Counter<long> _storedTracesTakenForNew;
    private readonly IWriteFencing? _fencing;
    private readonly RollupRowCache? _rollupCache;
    private readonly Task[] _loops;

    public TraceWriteBatcher(
        NpgsqlDataSource dataSource, IRollupNotifier notifier, IOptions<TraceWriteOptions> options, IMeterFactory meters, ILogger<TraceWriteBatcher> logger,
        IWriteFencing? fencing = null, RollupRowCache? rollupCache = null)
    {
        _fencing = fencing;
        _rollupCache = rollupCache is { IsEnabled: true } ? rollupCache : null;
        _dataSource = dataSource;
        _notifier = notifier;
        _logger = logger;
        _options = options.Value;
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(_options.MaxPendingWrites) { SingleReader = _options.MaxConcurrentCommits == 1 });
        var meter = meters.Create(SiloMeter.Name);
        _flushDuration = meter.CreateHistogram<double>("lantern_storage_flush_duration_seconds", "s", "Duration of group commits, by table group.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _flushRows = meter.CreateCounter<long>("lantern_storage_flush_rows_total", description: "Rows written by group commits, by table.");
        _storedTracesTakenForNew = meter.CreateCounter<long>("lantern_storage_stored_traces_taken_for_new_total",
            description: "Writes of grains that took their trace for new, found stored by the commit and sent back to read and merge again.");
        _loops = [.. Enumerable.Range(0, Math.Max(1, _options.MaxConcurrentCommits)).Select(stripe => Task.Run(() => RunAsync(stripe)))];
    }

    public async Task CommitAsync(TraceWrite write, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(write, _fencing?.FenceFor(PartitionKeys.Of(write)));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        await pending.Committed;
    }

    private async Task RunAsync(int stripe)
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

            // A single node's rollup cache learns of the commit's keys before it runs, and of its changes before any write in
            // it is acknowledged: a read after the acknowledgement finds them.
            var rollupCommit = _rollupCache?.Committing([.. batch.SelectMany(p => p.Write.RollupDelta.Keys)]);
            try
            {
                var (changes, stale) = await ExecuteAsync(batch, stripe);
                _rollupCache?.Apply(rollupCommit!, changes);
                batch.ForEach(p => Finish(p, stale));
                _notifier.Notify(changes);
            }
            catch (Exception exception)
            {
                _rollupCache?.Abandon(rollupCommit!);
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

    private async Task<(List<RollupChange> Changes, HashSet<WriteFence> Stale)> ExecuteAsync(List<PendingWrite> batch, int stripe)
    {
        while (true)
        {
            try
            {
                return await ExecuteUpsertingWhenStoredAsync(batch, stripe);
            }
            catch (PostgresException exception) when (exception.SqlState == NewTraceCheck.SqlState)
            {
                // Traces taken for new had rows: their writes go back to their grains to read and merge again, and the
                // rest of the batch is committed without them.
                var stored = NewTraceCheck.StoredTraces(exception);
                var returned = batch.Where(p => p.Write.Unread && stored.Contains((p.Write.ProjectId, p.Write.TraceId))).ToList();
                if (returned.Count == 0)
                {
                    throw;
                }

                returned.ForEach(p => p.Fail(new TraceAlreadyStoredException(p.Write.ProjectId, p.Write.TraceId)));
                batch.RemoveAll(returned.Contains);
                _storedTracesTakenForNew.Add(returned.Count);
                if (batch.Count == 0)
                {
                    return ([], []);
                }
            }
        }
    }

    private async Task<(List<RollupChange> Changes, HashSet<WriteFence> Stale)> ExecuteUpsertingWhenStoredAsync(List<PendingWrite> batch, int stripe)
    {
        try
        {
            return await ExecuteAsync(batch, stripe, insertNewRows: true);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // A row its grain took for new was there after all (written by an earlier owner of its partition, or an
            // observation id two traces share): the same batch again, every row upserted.
            LogNewRowExisted(_logger, exception.TableName);
            return await ExecuteAsync(batch, stripe, insertNewRows: false);
        }
    }

    private async Task<(List<RollupChange> Changes, HashSet<WriteFence> Stale)> ExecuteAsync(List<PendingWrite> batch, int stripe, bool insertNewRows)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await _dataSource.OpenConnectionAsync();
        // The whole commit is one batch of statements, one round trip: PostgreSQL runs it as one implicit transaction when
        // no explicit one is open (a failed statement rolls back the rest). On a busy box each round trip waits for a CPU;
        // COPY took two per table (measured in docs/benchmarks.md, round 11). Lease checks need an explicit transaction.
        var fenced = batch.Any(p => p.Fence is not null);
        await using var transaction = fenced ? await connection.BeginTransactionAsync() : null;
        var stale = await LeaseFences.StaleAsync(connection, batch.Where(p => p.Fence is not null).Select(p => p.Fence!), CancellationToken.None);
        var writes = batch.Where(p => p.Fence is null || !stale.Contains(p.Fence)).Select(p => p.Write).ToList();
        await using var statements = new NpgsqlBatch(connection, transaction);
        if (NewTraceCheck.Command(writes) is { } check)
        {
            statements.BatchCommands.Add(check);
        }

        var (traces, observations, scores) = AddWrites(statements, writes, insertNewRows);
        var rollups = RollupDeltas(writes, stripe);
        var rollupRows = rollups.Where(r => !r.Value.IsZero).OrderBy(r => r.Key).ToList();
        if (rollupRows.Count > 0)
        {
            statements.BatchCommands.Add(BulkUpsert.Command("rollups", RollupColumns.ConflictKey, RollupColumns.Build(rollupRows), RollupColumns.Returning));
        }

        var changes = statements.BatchCommands.Count > 0 ? await ExecuteReadingRollupChangesAsync(statements, rollups) : [];
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }

        _flushRows.Add(traces, new KeyValuePair<string, object?>("table", "traces"));
        _flushRows.Add(observations, new KeyValuePair<string, object?>("table", "observations"));
        _flushRows.Add(scores, new KeyValuePair<string, object?>("table", "scores"));
        _flushRows.Add(rollupRows.Count, new KeyValuePair<string, object?>("table", "rollups"));
        _flushDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("table", "traces"));
        return (changes, stale);
    }

    private static Dictionary<RollupKey, RollupValues> RollupDeltas(List<TraceWrite> writes, int stripe)
    {
        // A trace changes about four rollup rows: sized up front, the dictionary is not regrown (and rehashed) per commit.
        var rollups = new Dictionary<RollupKey, RollupValues>(writes.Count * 4);
        foreach (var (key, delta) in writes.SelectMany(w => w.RollupDelta))
        {
            var row = key.Scope == RollupScope.Project ? key with { Version = stripe } : key;
            (CollectionsMarshal.GetValueRefOrAddDefault(rollups, row, out _) ??= new RollupValues()).Add(delta);
        }

        return rollups;
    }

    // The writes' statements in order: a deletion after the rows written before it, which must exist to be deleted.
    // Returns how many trace, observation and score rows they write.
    private static (int Traces, int Observations, int Scores) AddWrites(NpgsqlBatch statements, List<TraceWrite> writes, bool insertNewRows)
    {
        var (traces, observations, scores) = (0, 0, 0);
        var segment = new List<TraceWrite>();
        foreach (var write in writes)
        {
            if (write.DeleteTrace || write.DeletedScoreIds is { Count: > 0 })
            {
                Add(CommitRows.Of(segment, insertNewRows));
                segment.Clear();
                foreach (var deletion in TraceDeletion.Commands(write))
                {
                    statements.BatchCommands.Add(deletion);
                }
            }
            else
            {
                segment.Add(write);
            }
        }

        Add(CommitRows.Of(segment, insertNewRows));
        return (traces, observations, scores);

        void Add(CommitRows rows)
        {
            AddRows(statements, rows);
            (traces, observations, scores) = (traces + rows.TraceCount, observations + rows.ObservationCount, scores + rows.Scores.Count);
        }
    }

    private static void AddRows(NpgsqlBatch statements, CommitRows rows)
    {
        if (rows.NewTraces.Count > 0)
        {
            statements.BatchCommands.Add(BulkUpsert.InsertCommand("traces", TraceColumns.Traces(rows.NewTraces)));
        }

        if (rows.NewObservations.Count > 0)
        {
            statements.BatchCommands.Add(BulkUpsert.InsertCommand("observations", TraceColumns.Observations(rows.NewObservations)));
        }

        if (rows.StoredTraces.Count > 0)
        {
            statements.BatchCommands.Add(BulkUpsert.Command("traces", "project_id, id", TraceColumns.Traces(rows.StoredTraces)));
        }

        if (rows.StoredObservations.Count > 0)
        {
            statements.BatchCommands.Add(BulkUpsert.Command("observations", "project_id, id", TraceColumns.Observations(rows.StoredObservations)));
        }

        if (rows.Scores.Count > 0)
        {
            statements.BatchCommands.Add(BulkUpsert.Command("scores", "project_id, id", TraceColumns.Scores(rows.Scores)));
        }
    }

    // Only the rollups upsert returns rows: each changed row's new version, which the notifier announces.
    private static async Task<List<RollupChange>> ExecuteReadingRollupChangesAsync(NpgsqlBatch statements, Dictionary<RollupKey, RollupValues> rollups)
    {
        var changes = new List<RollupChange>();
        await using var reader = await statements.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                var key = new RollupKey(reader.GetString(0), RollupColumns.ParseScope(reader.GetString(1)), reader.GetString(2),
                    reader.GetInt32(3), new DateTimeOffset(reader.GetFieldValue<DateTime>(4).ToUniversalTime()), reader.GetString(5));
                changes.Add(new RollupChange(key, rollups[key], reader.GetInt64(6)));
            }
        }
        while (await reader.NextResultAsync());

        return changes;
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
