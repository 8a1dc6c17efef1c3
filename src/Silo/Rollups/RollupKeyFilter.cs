using System.Runtime.InteropServices;

namespace Lantern.Silo.Rollups;

/// <summary>
/// Which users and sessions may have stored rollup rows, for a single node: a Bloom filter of every key this process
/// committed rows for and, once <see cref="RollupKeyFilterLoader"/> has read them, every key stored before it started.
/// When it is complete, a key it does not hold has no rows: a read of an unknown user or session is answered without
/// PostgreSQL, and a commit's first row of a key starts that key's cached rows (<see cref="RollupRowCache"/>). A commit
/// adds its keys before its rows are written, so a key is never missing while its rows may exist. Keys are never removed
/// (a Bloom filter cannot): a deleted key's reads go to PostgreSQL, as do those of the keys it holds by chance (at
/// 1,000,000 keys about 1 in 500,000; at 10,000,000 keys 1 in 25).
/// </summary>
public sealed class RollupKeyFilter
{
    // 8 MiB, whatever the number of keys: the cost of a wrong "may have rows" is one PostgreSQL read.
    private const int Bits = 1 << 26;
    private const int Probes = 5;
    private readonly long[] _words = new long[Bits / 64];
    private volatile bool _complete;

    /// <summary>True once every key stored before this process started has been added.</summary>
    public bool IsComplete => _complete;

    public void MarkComplete() => _complete = true;

    /// <summary>Adds a key; true when the filter did not hold it before.</summary>
    public bool Add(RollupScopeKey key)
    {
        var (first, step) = Hash(key);
        var added = false;
        for (var i = 0; i < Probes; i++)
        {
            var bit = Bit(first, step, i);
            var mask = 1L << (int)(bit & 63);
            added |= (Interlocked.Or(ref _words[bit >> 6], mask) & mask) == 0;
        }

        return added;
    }

    /// <summary>True when the key's rows certainly do not exist: the filter is complete and does not hold it.</summary>
    public bool HasNoRows(RollupScopeKey key)
    {
        if (!_complete)
        {
            return false;
        }

        var (first, step) = Hash(key);
        for (var i = 0; i < Probes; i++)
        {
            var bit = Bit(first, step, i);
            if ((Volatile.Read(ref _words[bit >> 6]) & (1L << (int)(bit & 63))) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static uint Bit(uint first, uint step, int probe) => (first + ((uint)probe * step)) & (Bits - 1);

    // Double hashing: two independent 32-bit hashes give the probes; the step is odd, so the probes differ.
    private static (uint First, uint Step) Hash(RollupScopeKey key)
    {
        var first = new HashCode();
        var second = new HashCode();
        second.Add(0x5bd1e995);
        Feed(ref first, key);
        Feed(ref second, key);
        return ((uint)first.ToHashCode(), (uint)second.ToHashCode() | 1);
    }

    private static void Feed(ref HashCode hash, RollupScopeKey key)
    {
        hash.Add((int)key.Scope);
        hash.Add(key.ProjectId.Length);
        hash.AddBytes(MemoryMarshal.AsBytes(key.ProjectId.AsSpan()));
        hash.AddBytes(MemoryMarshal.AsBytes(key.Key.AsSpan()));
    }
}
