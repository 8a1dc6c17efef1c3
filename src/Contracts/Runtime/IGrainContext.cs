namespace Lantern.Contracts.Runtime;

/// <summary>What the runtime gives an activation: its identity, other grains, timers and lifecycle control.</summary>
public interface IGrainContext
{
    /// <summary>The grain's key.</summary>
    string Key { get; }

    /// <summary>The grain type name, as used in storage and metrics.</summary>
    string GrainType { get; }

    /// <summary>The factory for calling other grains.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>The clock (tests substitute a fake one).</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Registers a timer whose callback runs as a turn of this activation, never beside another turn.</summary>
    /// <returns>Dispose to stop the timer. Timers stop when the activation is deactivated.</returns>
    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);

    /// <summary>Asks the runtime to deactivate this activation after the current turn.</summary>
    void DeactivateOnIdle();
}
