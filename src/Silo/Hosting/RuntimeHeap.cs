namespace Lantern.Silo.Hosting;

/// <summary>The process's own heap, as the runtime reports it.</summary>
public sealed class RuntimeHeap : IManagedHeap
{
    public int Collections => GC.CollectionCount(0);

    public long AllocatedBytes => GC.GetTotalAllocatedBytes();

    public void CollectYoungest() => GC.Collect(0, GCCollectionMode.Forced, blocking: true);
}
