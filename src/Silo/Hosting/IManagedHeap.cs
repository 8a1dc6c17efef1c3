namespace Lantern.Silo.Hosting;

/// <summary>What <see cref="IdleCollector"/> reads of the runtime's heap, and the collection it asks for.</summary>
public interface IManagedHeap
{
    /// <summary>Collections of any generation so far (every one collects gen0).</summary>
    int Collections { get; }

    /// <summary>Bytes allocated by the process so far.</summary>
    long AllocatedBytes { get; }

    /// <summary>Collects gen0 (and what the runtime takes along), blocking.</summary>
    void CollectYoungest();
}
