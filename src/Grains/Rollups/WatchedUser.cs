namespace Lantern.Grains.Rollups;

/// <summary>
/// One user's spend window in <see cref="UserSpendWatch"/>, when cost last arrived for it, and the last version seen of
/// its few most recent rollup rows, so a change delivered twice (a broker's redelivery) is counted once.
/// </summary>
internal sealed class WatchedUser(SpendWindowOptions options)
{
    private const int RecentRows = 4;
    private readonly RollupKey[] _rows = new RollupKey[RecentRows];
    private readonly long[] _versions = new long[RecentRows];
    private int _next;

    public SpendWindow Window { get; } = new(options);

    public long LastArrival { get; set; }

    /// <summary>True the first time a row's version arrives; false for a version of that row seen already.</summary>
    public bool IsNew(RollupKey row, long version)
    {
        var index = Array.IndexOf(_rows, row);
        if (index >= 0)
        {
            if (version <= _versions[index])
            {
                return false;
            }

            _versions[index] = version;
            return true;
        }

        _rows[_next] = row;
        _versions[_next] = version;
        _next = (_next + 1) % RecentRows;
        return true;
    }
}
