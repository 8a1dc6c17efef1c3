using Lantern.Contracts.Runtime;

namespace Lantern.Silo.Runtime;

/// <summary>The last turn of an activation: lets the grain flush, then closes the mailbox.</summary>
internal sealed class DeactivationWorkItem(DeactivationReason reason, CancellationToken cancellationToken) : WorkItem
{
    public override bool IsCall => false;

    public DeactivationReason Reason => reason;

    public override Task RunAsync(Grain grain) => grain.OnDeactivateAsync(reason, cancellationToken);

    public override void Fail(Exception exception)
    {
    }
}
