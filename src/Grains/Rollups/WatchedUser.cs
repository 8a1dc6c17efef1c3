namespace Lantern.Grains.Rollups;

/// <summary>
/// One user's spend window in <see cref="UserSpendWatch"/>, when cost last arrived for it, and the last version seen of
/// its few most recent rollup rows, so a change delivered twice (a broker's redelivery) is counted once.
/// </summary>
internal sealed class WatchedUser(SpendWindowOptions options)
{
    private RecentRollupRows _rows;
    private int _next;

    public SpendWindow Window { get; } = new(options);

    public long LastArrival { get; set; }

    /// <summary>True the first time a row's version arrives; false for a version of that row seen already.</summary>
    public bool IsNew(RollupKey row, long version)
    {
        var id = RowId(row);
        for (var i = 0; i < RecentRollupRows.Count; i++)
        {
            if (_rows[i].Row == id && _rows[i].Version > 0)
            {
                if (version <= _rows[i].Version)
                {
                    return false;
                }

                _rows[i].Version = version;
                return true;
            }
        }

        _rows[_next] = (id, version);
        _next = (_next + 1) % RecentRollupRows.Count;
        return true;
    }

    /// <summary>
    /// A user's rows differ by hour, prompt version and model: the hour exactly, the other two by a 32-bit hash. Two of a
    /// user's rows of the same hour that share a hash would count one change too few, about once in four billion pairs.
    /// </summary>
    private static long RowId(RollupKey row) =>
        (row.Bucket.UtcTicks / TimeSpan.TicksPerHour << 32) | (uint)HashCode.Combine(row.Version, row.Model);
}
