using Lantern.Contracts.Ingestion;
using Lantern.Contracts.Runtime;
using Lantern.Contracts.Traces;

namespace Lantern.Grains.Traces;

/// <summary>Merges and stores one score that is not attached to a trace (trace scores live in their trace grain).</summary>
public sealed class ScoreGrain(ITraceStore store) : Grain, IScoreGrain
{
    private Entity? _score;
    private string _projectId = "";
    private string _scoreId = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var separator = GrainKey.IndexOf('/', StringComparison.Ordinal);
        _projectId = GrainKey[..separator];
        _scoreId = GrainKey[(separator + 1)..];
        _score = await store.LoadScoreAsync(_projectId, _scoreId, cancellationToken);
    }

    public async Task ApplyAsync(IReadOnlyList<IngestionEvent> events)
    {
        var score = _score ?? new Entity { Kind = EntityKind.Score, Id = _scoreId };
        var changed = false;
        foreach (var @event in events)
        {
            changed |= EntityMerger.Apply(score, @event);
        }

        if (!changed)
        {
            return;
        }

        try
        {
            await store.CommitAsync(new TraceWrite(_projectId, "", null, [], [RowProjector.Score(_projectId, score)], new Dictionary<Rollups.RollupKey, Rollups.RollupValues>()), CancellationToken.None);
            _score = score;
        }
        catch
        {
            _score = await store.LoadScoreAsync(_projectId, _scoreId, CancellationToken.None);
            throw;
        }
    }

    public async Task<bool> DeleteAsync()
    {
        if (_score is null)
        {
            return false;
        }

        await store.CommitAsync(new TraceWrite(_projectId, "", null, [], [], new Dictionary<Rollups.RollupKey, Rollups.RollupValues>(), DeletedScoreIds: [_scoreId]),
            CancellationToken.None);
        _score = null;
        return true;
    }
}
