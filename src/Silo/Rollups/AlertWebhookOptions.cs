namespace Lantern.Silo.Rollups;

/// <summary>Where user spend alerts are POSTed (LANTERN_ALERT_WEBHOOK_URL) and the secret signing them (LANTERN_ALERT_WEBHOOK_SECRET).</summary>
public sealed class AlertWebhookOptions
{
    public Uri? Url { get; set; }

    public string? Secret { get; set; }

    /// <summary>Attempts per alert; the delay doubles from <see cref="FirstRetryDelay"/>.</summary>
    public int Attempts { get; set; } = 4;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
