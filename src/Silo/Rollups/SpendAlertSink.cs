using Lantern.Contracts.Rollups;
using Lantern.Grains.Rollups;
using Lantern.Silo.Metrics.Instruments;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Rollups;

/// <summary>Counts user spend alerts for Prometheus (by project only: user ids never become labels), logs who and why, and calls the webhook.</summary>
public sealed partial class SpendAlertSink(CostMetrics metrics, AlertWebhook webhook, ILogger<SpendAlertSink> logger) : ISpendAlertSink
{
    public void UserSpendAlert(string projectId, UserSpendAlert alert)
    {
        metrics.UserBudgetExceeded(projectId);
        LogAlert(logger, projectId, alert.UserId, alert.Reason, alert.WindowCostUsd, alert.BaselineUsd);
        webhook.Send(projectId, alert);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User spend alert in project {ProjectId}: user {UserId}, {Reason}, ${WindowCost} in the window (baseline {Baseline})")]
    private static partial void LogAlert(ILogger logger, string projectId, string userId, string reason, decimal windowCost, decimal? baseline);
}
