using Lantern.Contracts.Rollups;

namespace Lantern.Grains.Rollups;

/// <summary>See <see cref="IUserGrain"/>. Also watches the user's spend as it arrives, for budgets and spikes.</summary>
public sealed class UserGrain(IRollupStore store, SpendWindowOptions options, ISpendAlertSink sink) : RollupGrain(store), IUserGrain
{
    private readonly SpendWindow _spend = new(options);

    protected override RollupScope Scope => RollupScope.User;

    protected override void OnArrived(RollupChange change)
    {
        if (change.Delta.Cost <= 0 || _spend.Add(Context.TimeProvider.GetUtcNow(), change.Delta.Cost) is not { } candidate)
        {
            return;
        }

        var alert = new UserSpendAlert(Key, candidate.Reason, candidate.WindowCostUsd, candidate.BaselineUsd, Context.TimeProvider.GetUtcNow());
        sink.UserSpendAlert(ProjectId, alert);
        _ = GrainFactory.GetGrain<IProjectGrain>($"{ProjectId}/").ReportUserSpendAlertAsync(alert);
    }
}
