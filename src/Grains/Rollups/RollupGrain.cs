using Lantern.Contracts.Rollups;
using Lantern.Contracts.Runtime;

namespace Lantern.Grains.Rollups;

/// <summary>
/// Holds the rollup rows of one key in memory: loaded at the first read, kept current by the changes each commit
/// announces. A row's version moves by one per commit, so a change is applied exactly once; a gap means a missed change
/// and the rows are read again. Later reads never touch the database.
/// </summary>
/// <remarks>
/// Rows are not read at activation: user grains are activated by every commit that touches their user (they watch spend
/// as it arrives), and most are never queried, so reading back the rows a commit just wrote was a query per new user.
/// Until the first read a grain only announces what arrives. The first read then counts every version committed before
/// it, and the changes after it apply as usual.
/// </remarks>
public abstract class RollupGrain(IRollupStore store) : Grain, IRollupGrain
{
    private readonly Dictionary<RollupKey, (RollupValues Values, long Version)> _rows = [];
    private readonly Dictionary<RollupKey, long> _announced = [];
    private bool _loaded;

    protected abstract RollupScope Scope { get; }

    protected string ProjectId { get; private set; } = "";

    protected string Key { get; private set; } = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var separator = GrainKey.IndexOf('/', StringComparison.Ordinal);
        ProjectId = GrainKey[..separator];
        Key = GrainKey[(separator + 1)..];
        return Task.CompletedTask;
    }

    public async Task ApplyAsync(IReadOnlyList<RollupChange> changes)
    {
        foreach (var change in changes)
        {
            Announce(change);
            if (!_loaded)
            {
                continue;
            }

            var (values, version) = _rows.TryGetValue(change.Key, out var row) ? row : (new RollupValues(), 0);
            if (change.Version <= version)
            {
                continue;
            }

            if (change.Version != version + 1)
            {
                await ReloadAsync(CancellationToken.None);
                return;
            }

            values.Add(change.Delta);
            _rows[change.Key] = (values, change.Version);
        }
    }

    /// <summary>
    /// Called once per committed change that reaches this grain, whether or not its rows are loaded (and even when the
    /// first read already counted it into them), so subclasses can watch what arrives as it arrives.
    /// </summary>
    protected virtual void OnArrived(RollupChange change)
    {
    }

    private void Announce(RollupChange change)
    {
        if (change.Version > _announced.GetValueOrDefault(change.Key))
        {
            _announced[change.Key] = change.Version;
            OnArrived(change);
        }
    }

    public async Task<RollupSummary> GetSummaryAsync(DateTimeOffset? from, DateTimeOffset? to) =>
        RollupSummaries.Summarize((await InWindowAsync(from, to)).Select(r => (r.Key, r.Value.Values)));

    public Task RefreshAsync() => ReloadAsync(CancellationToken.None);

    public Task ForgetAsync()
    {
        _rows.Clear();
        _announced.Clear();
        _loaded = false;
        Context.DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <summary>The rows whose hour is in [from, to), read from the database first if this activation has not yet.</summary>
    protected async Task<IEnumerable<KeyValuePair<RollupKey, (RollupValues Values, long Version)>>> InWindowAsync(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (!_loaded)
        {
            await ReloadAsync(CancellationToken.None);
        }

        return _rows.Where(r => (from is null || r.Key.Bucket >= RollupKey.BucketOf(from.Value)) && (to is null || r.Key.Bucket < to));
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        _rows.Clear();
        foreach (var row in await store.LoadAsync(ProjectId, Scope, Key, cancellationToken))
        {
            _rows[row.Key] = (row.Delta, row.Version);
        }

        _loaded = true;
    }
}
