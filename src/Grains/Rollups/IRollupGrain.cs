using Lantern.Contracts.Rollups;
using Lantern.Contracts.Runtime;

namespace Lantern.Grains.Rollups;

/// <summary>A grain caching the rollup rows of one key (project, user, session or prompt) in memory.</summary>
public interface IRollupGrain : IGrain
{
    /// <summary>Applies committed row changes; each row version is applied once, a gap reloads the rows.</summary>
    Task ApplyAsync(IReadOnlyList<RollupChange> changes);

    /// <summary>The rollup over traces whose time is in [from, to); null bounds are open.</summary>
    Task<RollupSummary> GetSummaryAsync(DateTimeOffset? from, DateTimeOffset? to);

    /// <summary>
    /// Reads the key's rows as stored again. In a cluster a report may be served by a process that does not own the key,
    /// whose view gets no changes: it refreshes before answering, so the answer is what is committed.
    /// </summary>
    Task RefreshAsync();

    /// <summary>Drops the rows held in memory and deactivates, so the next call reads what is stored (after rows were deleted).</summary>
    Task ForgetAsync();
}
