using Lantern.Contracts.Ingestion;
using Lantern.Contracts.Runtime;
using Lantern.Contracts.Traces;
using Lantern.Grains.Evaluations;
using Lantern.Grains.Rollups;

namespace Lantern.Grains.Traces;

/// <summary>
/// Owns one trace: merges its events, prices its generations, and commits the changed rows together with the change to
/// every rollup the trace contributes to. A call returns only after the commit, so an acknowledged event is durable.
/// </summary>
public sealed class TraceGrain(
    ITraceStore store, IObservationPricer pricer, IEvaluationPublisher? evaluations = null, IPayloadRewriteMonitor? rewrites = null) : Grain, ITraceGrain
{
    private readonly RowProjector _projector = new(pricer);
    private readonly Dictionary<string, ObservationRow> _observationRows = new(StringComparer.Ordinal);
    private readonly List<string> _ignoredRewrites = [];

    // Ignored rewrites are counted once their events are committed: a write sent back to merge again onto the stored
    // rows (or a failed commit, which the client retries) would otherwise count them once per merge.
    private readonly List<(EntityKind Kind, string Field)> _heldRewrites = [];
    private TraceAggregate _aggregate = new();
    private RollupContribution _committed = new();
    private bool _traceStored;
    private bool _unread;
    private string _projectId = "";
    private string _traceId = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var separator = GrainKey.IndexOf('/', StringComparison.Ordinal);
        _projectId = GrainKey[..separator];
        _traceId = GrainKey[(separator + 1)..];
        if (store.ReadsOnActivation(GrainKey))
        {
            await ReloadAsync(cancellationToken);
        }
        else
        {
            // Nearly every activation is for a new trace: its first commit checks that nothing is stored, instead of a
            // read before it (a round trip and a statement less on the way to the acknowledgement).
            _unread = true;
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        store.Released(GrainKey);
        return Task.CompletedTask;
    }

    public async Task ApplyAsync(IReadOnlyList<IngestionEvent> events)
    {
        try
        {
            await MergeAndCommitAsync(events);
        }
        catch (TraceAlreadyStoredException)
        {
            // Taken for new, the trace had rows after all: the failed commit read them back, and the same events merge
            // again onto what is stored.
            await MergeAndCommitAsync(events);
        }
    }

    private async Task MergeAndCommitAsync(IReadOnlyList<IngestionEvent> events)
    {
        var changedObservations = new HashSet<string>(StringComparer.Ordinal);
        var changedScores = new HashSet<string>(StringComparer.Ordinal);
        var traceChanged = false;
        _ignoredRewrites.Clear();
        _heldRewrites.Clear();
        foreach (var @event in events)
        {
            var id = @event.Body.TryGetProperty("id", out var idElement) ? idElement.GetString() : null;
            if (@event.Type == IngestionEventType.TraceCreate)
            {
                _aggregate.Trace ??= new Entity { Kind = EntityKind.Trace, Id = _traceId };
                traceChanged |= EntityMerger.Apply(_aggregate.Trace, @event, _ignoredRewrites);
            }
            else if (@event.Type == IngestionEventType.ScoreCreate && id is not null)
            {
                if (EntityMerger.Apply(Get(_aggregate.Scores, EntityKind.Score, id), @event))
                {
                    changedScores.Add(id);
                }
            }
            else if (@event.Type.IsObservation() && id is not null &&
                     EntityMerger.Apply(Get(_aggregate.Observations, EntityKind.Observation, id), @event, _ignoredRewrites))
            {
                changedObservations.Add(id);
            }

            HoldIgnoredRewrites(@event.Type == IngestionEventType.TraceCreate ? EntityKind.Trace : EntityKind.Observation);
        }

        if (!traceChanged && changedObservations.Count == 0 && changedScores.Count == 0)
        {
            ReportHeldRewrites();
            return;
        }

        var newObservations = changedObservations.Where(id => !_observationRows.ContainsKey(id)).ToHashSet(StringComparer.Ordinal);
        foreach (var id in changedObservations)
        {
            _observationRows[id] = _projector.Observation(_projectId, _traceId, _aggregate.Observations[id]);
        }

        var scoreRows = _aggregate.Scores.Values.Select(s => RowProjector.Score(_projectId, s)).ToList();
        var traceRow = _aggregate.Trace is null ? null : _projector.Trace(_projectId, _aggregate.Trace, _observationRows.Values);
        var contribution = ContributionCalculator.Compute(_projectId, traceRow, _observationRows.Values, scoreRows);
        var write = new TraceWrite(
            _projectId,
            _traceId,
            traceChanged || changedObservations.Count > 0 ? traceRow : null,
            [.. changedObservations.Select(id => _observationRows[id])],
            [.. scoreRows.Where(s => changedScores.Contains(s.Id))],
            RollupContribution.Delta(_committed, contribution))
        {
            TraceIsNew = !_traceStored,
            NewObservationIds = newObservations,
            Unread = _unread,
        };
        await CommitOrReloadAsync(write);
        ReportHeldRewrites();
        _unread = false;
        _committed = contribution;
        _traceStored |= write.Trace is not null;
        (evaluations ?? NullEvaluationPublisher.Instance).Publish(
            _projectId, _traceId, traceChanged ? _aggregate.Trace : null, changedObservations.Select(id => _aggregate.Observations[id]));
        _aggregate.Trace?.ReleasePayloads();
        foreach (var id in changedObservations)
        {
            _aggregate.Observations[id].ReleasePayloads();
            _observationRows[id] = Committed(_observationRows[id]);
        }

        if (LooksFinished())
        {
            // Most traces send nothing after this, and an activation kept until the bound evicts it lives just long
            // enough to be promoted by the GC and die in its oldest generation. One that does hear more loads again.
            Context.DeactivateOnIdle();
        }
    }

    public async Task DeleteAsync()
    {
        // A deleted trace keeps no activation: nothing of it stays in memory, and nothing stale can be written back.
        Context.DeactivateOnIdle();
        await ReadIfUnreadAsync();
        if (_aggregate.Trace is null && _aggregate.Observations.Count == 0 && _aggregate.Scores.Count == 0)
        {
            return;
        }

        var write = new TraceWrite(_projectId, _traceId, null, [], [], RollupContribution.Delta(_committed, new RollupContribution()), DeleteTrace: true);
        await CommitOrReloadAsync(write);
        _aggregate = new TraceAggregate();
        _observationRows.Clear();
        _committed = new RollupContribution();
        _traceStored = false;
    }

    public async Task<bool> DeleteScoreAsync(string scoreId)
    {
        await ReadIfUnreadAsync();
        if (!_aggregate.Scores.Remove(scoreId))
        {
            return false;
        }

        var scoreRows = _aggregate.Scores.Values.Select(s => RowProjector.Score(_projectId, s)).ToList();
        var traceRow = _aggregate.Trace is null ? null : _projector.Trace(_projectId, _aggregate.Trace, _observationRows.Values);
        var contribution = ContributionCalculator.Compute(_projectId, traceRow, _observationRows.Values, scoreRows);
        var write = new TraceWrite(_projectId, _traceId, null, [], [], RollupContribution.Delta(_committed, contribution), DeletedScoreIds: [scoreId]);
        await CommitOrReloadAsync(write);
        _committed = contribution;
        return true;
    }

    private void HoldIgnoredRewrites(EntityKind kind)
    {
        foreach (var field in _ignoredRewrites)
        {
            _heldRewrites.Add((kind, field));
        }

        _ignoredRewrites.Clear();
    }

    private void ReportHeldRewrites()
    {
        foreach (var (kind, field) in _heldRewrites)
        {
            rewrites?.Ignored(_projectId, kind, field);
        }

        _heldRewrites.Clear();
    }

    private async Task CommitOrReloadAsync(TraceWrite write)
    {
        try
        {
            await store.CommitAsync(write, CancellationToken.None);
        }
        catch
        {
            // Memory must never run ahead of the database: drop what was merged and read back what is stored. If that read
            // fails too, forget the trace: the next write's commit checks what is stored, as after a fresh activation.
            try
            {
                await ReloadAsync(CancellationToken.None);
            }
            catch
            {
                Forget();
            }

            throw;
        }
    }

    private void Forget()
    {
        _aggregate = new TraceAggregate();
        _observationRows.Clear();
        _committed = new RollupContribution();
        _traceStored = false;
        _unread = true;
    }

    // Deleting needs what is stored: a grain that took its trace for new reads it first.
    private async Task ReadIfUnreadAsync()
    {
        if (_unread)
        {
            await ReloadAsync(CancellationToken.None);
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        _aggregate = await store.LoadAsync(_projectId, _traceId, cancellationToken);
        _unread = false;
        _traceStored = _aggregate.Trace is not null;
        _aggregate.Trace?.ReleasePayloads();
        _observationRows.Clear();
        foreach (var (id, observation) in _aggregate.Observations)
        {
            observation.ReleasePayloads();
            _observationRows[id] = Committed(_projector.Observation(_projectId, _traceId, observation));
        }

        var scoreRows = _aggregate.Scores.Values.Select(s => RowProjector.Score(_projectId, s)).ToList();
        var traceRow = _aggregate.Trace is null ? null : _projector.Trace(_projectId, _aggregate.Trace, _observationRows.Values);
        _committed = ContributionCalculator.Compute(_projectId, traceRow, _observationRows.Values, scoreRows);
    }

    /// <summary>The trace has its output and none of its observations is still open (events never are).</summary>
    private bool LooksFinished() =>
        _aggregate.Trace is { } trace && trace.Has("output") &&
        _observationRows.Values.All(o => o.EndTime is not null || o.Type == "EVENT");

    /// <summary>
    /// What of a committed observation row the grain still needs: its typed columns for the trace row and the rollups.
    /// The payloads and merge state are in PostgreSQL; a changed observation is projected again from its entity.
    /// </summary>
    private static ObservationRow Committed(ObservationRow row) =>
        row with { InputJson = null, OutputJson = null, MetadataJson = null, ModelParametersJson = null, FieldsJson = "" };

    private static Entity Get(Dictionary<string, Entity> entities, EntityKind kind, string id)
    {
        if (!entities.TryGetValue(id, out var entity))
        {
            entity = new Entity { Kind = kind, Id = id };
            entities[id] = entity;
        }

        return entity;
    }
}
