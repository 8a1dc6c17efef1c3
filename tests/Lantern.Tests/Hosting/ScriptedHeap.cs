using Lantern.Silo.Hosting;

namespace Lantern.Tests.Hosting;

/// <summary>A heap whose allocations and runtime collections a test makes, counting the collections asked of it.</summary>
internal sealed class ScriptedHeap : IManagedHeap
{
    private int _collections;
    private int _asked;
    private long _allocated;

    public int Collections => Volatile.Read(ref _collections);

    public long AllocatedBytes => Interlocked.Read(ref _allocated);

    /// <summary>Collections the collector asked for.</summary>
    public int Asked => Volatile.Read(ref _asked);

    public void Allocate(int mib) => Interlocked.Add(ref _allocated, mib * 1024L * 1024L);

    /// <summary>A collection the runtime ran on its own.</summary>
    public void RuntimeCollects() => Interlocked.Increment(ref _collections);

    public void CollectYoungest()
    {
        Interlocked.Increment(ref _asked);
        Interlocked.Increment(ref _collections);
    }
}
