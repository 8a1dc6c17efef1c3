using Lantern.Contracts.Rollups;
using Lantern.Contracts.Runtime;

namespace Lantern.Grains.Rollups;

/// <summary>
/// Holds the rollup rows of one key in memory: loaded at the first read, kept current by the changes each commit
/// announces. A row's version moves by one per commit, so a change is applied exactly once; a gap means a missed change
/// and the rows are read again. Later reads never touch the database.
/// </summary>
/// <remarks>
/// Rows are not read at activation: a grain may be activated by a commit's changes (a project's always are), and reading
/// back the rows a commit just wrote is a query for nothing. Until the first read a grain ignores what arrives; the first
/// read counts every version committed before it, and the changes after it apply as usual.
/// </remarks>
public abstract class RollupGrain(IRollupStore store) : Grain, IRollupGrain
{
    private readonly Dictionary<RollupKey, (RollupValues Values, long Version)> _rows = [];
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
        if (!_loaded)
        {
            return;
        }

        foreach (var change in changes)
        {
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

    public async Task<RollupSummary> GetSummaryAsync(DateTimeOffset? from, DateTimeOffset? to) =>
        RollupSummaries.Summarize((await InWindowAsync(from, to)).Select(r => (r.Key, r.Value.Values)));

    public Task RefreshAsync() => ReloadAsync(CancellationToken.None);

    public Task ForgetAsync()
    {
        _rows.Clear();
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
