using Lantern.Contracts.Rollups;

namespace Lantern.Grains.Rollups;

/// <summary>See <see cref="IProjectGrain"/>. Alerts are kept in memory (the last 100): they are for the on-call now.</summary>
public sealed class ProjectGrain(IRollupStore store) : RollupGrain(store), IProjectGrain
{
    private const int KeptAlerts = 100;
    private readonly LinkedList<UserSpendAlert> _alerts = new();

    protected override RollupScope Scope => RollupScope.Project;

    public Task ReportUserSpendAlertAsync(UserSpendAlert alert)
    {
        _alerts.AddFirst(alert);
        if (_alerts.Count > KeptAlerts)
        {
            _alerts.RemoveLast();
        }

        return Task.CompletedTask;
    }

    public Task ForgetUserAsync(string userId)
    {
        for (var node = _alerts.First; node is not null;)
        {
            var next = node.Next;
            if (string.Equals(node.Value.UserId, userId, StringComparison.Ordinal))
            {
                _alerts.Remove(node);
            }

            node = next;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UserSpendAlert>> GetUserSpendAlertsAsync() => Task.FromResult<IReadOnlyList<UserSpendAlert>>([.. _alerts]);
}
