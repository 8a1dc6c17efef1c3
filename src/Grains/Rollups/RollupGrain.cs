using Lantern.Contracts.Rollups;
using Lantern.Contracts.Runtime;

namespace Lantern.Grains.Rollups;

/// <summary>
/// Holds the rollup rows of one key in memory: loaded on activation, kept current by the changes each commit announces.
/// A row's version moves by one per commit, so a change is applied exactly once; a gap means a missed change and the
/// rows are read again. Reads never touch the database.
/// </summary>
public abstract class RollupGrain(IRollupStore store) : Grain, IRollupGrain
{
    private readonly Dictionary<RollupKey, (RollupValues Values, long Version)> _rows = [];
    private readonly Dictionary<RollupKey, long> _announced = [];

    protected abstract RollupScope Scope { get; }

    protected string ProjectId { get; private set; } = "";

    protected string Key { get; private set; } = "";

    protected IEnumerable<KeyValuePair<RollupKey, (RollupValues Values, long Version)>> Rows => _rows;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var separator = GrainKey.IndexOf('/', StringComparison.Ordinal);
        ProjectId = GrainKey[..separator];
        Key = GrainKey[(separator + 1)..];
        return ReloadAsync(cancellationToken);
    }

    public async Task ApplyAsync(IReadOnlyList<RollupChange> changes)
    {
        foreach (var change in changes)
        {
            Announce(change);
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
    /// Called once per committed change that reaches this grain, including the first one after activation (which the
    /// activation's read already counted into the rows), so subclasses can watch what arrives as it arrives.
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

    public Task<RollupSummary> GetSummaryAsync(DateTimeOffset? from, DateTimeOffset? to) =>
        Task.FromResult(RollupSummaries.Summarize(InWindow(from, to).Select(r => (r.Key, r.Value.Values))));

    public Task RefreshAsync() => ReloadAsync(CancellationToken.None);

    public Task ForgetAsync()
    {
        _rows.Clear();
        _announced.Clear();
        Context.DeactivateOnIdle();
        return Task.CompletedTask;
    }

    protected IEnumerable<KeyValuePair<RollupKey, (RollupValues Values, long Version)>> InWindow(DateTimeOffset? from, DateTimeOffset? to) =>
        _rows.Where(r => (from is null || r.Key.Bucket >= RollupKey.BucketOf(from.Value)) && (to is null || r.Key.Bucket < to));

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        _rows.Clear();
        foreach (var row in await store.LoadAsync(ProjectId, Scope, Key, cancellationToken))
        {
            _rows[row.Key] = (row.Delta, row.Version);
        }
    }
}
