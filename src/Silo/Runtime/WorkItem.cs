using Lantern.Contracts.Runtime;

namespace Lantern.Silo.Runtime;

/// <summary>One turn queued on an activation's mailbox.</summary>
internal abstract class WorkItem
{
    /// <summary>Whether the turn counts as use of the grain (timer ticks do not keep a grain alive).</summary>
    public virtual bool IsCall => true;

    public abstract Task RunAsync(Grain grain);

    /// <summary>Completes the caller's task with an exception when the turn cannot run.</summary>
    public abstract void Fail(Exception exception);
}
