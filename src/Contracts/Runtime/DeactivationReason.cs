namespace Lantern.Contracts.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>No call arrived within the idle timeout.</summary>
    Idle,

    /// <summary>Too many activations are in memory; the least recently used go first.</summary>
    MemoryPressure,

    /// <summary>The grain asked for it.</summary>
    Requested,

    /// <summary>The silo is shutting down.</summary>
    Shutdown,

    /// <summary>The silo lost the lease of the grain's partition; its new owner activates it.</summary>
    PartitionLost,
}
