using Lantern.Contracts.Runtime;

namespace Lantern.Silo.Runtime;

/// <summary>A timer tick; it does not count as use, so timers never keep an idle grain alive.</summary>
internal sealed class TimerWorkItem(GrainTimer timer) : WorkItem
{
    public override bool IsCall => false;

    public override Task RunAsync(Grain grain) => timer.FireAsync();

    public override void Fail(Exception exception) => timer.TickDone();
}
