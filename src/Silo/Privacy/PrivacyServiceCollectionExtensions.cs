using System.Globalization;
using Lantern.Grains.Traces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lantern.Silo.Privacy;

/// <summary>Registers data protection: the audit trail, trace purging, user erasure and retention.</summary>
public static class PrivacyServiceCollectionExtensions
{
    public static IServiceCollection AddLanternPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RetentionOptions>()
            .Configure(o =>
            {
                o.DefaultDays = Parse(configuration["LANTERN_RETENTION_DAYS"]) ?? o.DefaultDays;
                o.Interval = Parse(configuration["LANTERN_RETENTION_INTERVAL_MINUTES"]) is { } minutes ? TimeSpan.FromMinutes(minutes) : o.Interval;
                o.BatchSize = Parse(configuration["LANTERN_RETENTION_BATCH_SIZE"]) ?? o.BatchSize;
            })
            .Validate(o => o.DefaultDays is null or > 0, "LANTERN_RETENTION_DAYS must be a whole number of days >= 1 (unset keeps data forever).")
            .Validate(o => o.Interval > TimeSpan.Zero, "LANTERN_RETENTION_INTERVAL_MINUTES must be a whole number >= 1.")
            .Validate(o => o.BatchSize is >= 1 and <= 10_000, "LANTERN_RETENTION_BATCH_SIZE must be a whole number from 1 to 10000.")
            .ValidateOnStart();
        services.AddSingleton<IPayloadRewriteMonitor, PayloadRewriteMetrics>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<TracePurger>();
        services.AddSingleton<UserErasure>();
        services.AddSingleton<RetentionSettingsStore>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService<RetentionService>();
        return services;
    }

    // Unparseable text becomes an invalid value so validation names the setting instead of silently ignoring it.
    private static int? Parse(string? text) => string.IsNullOrWhiteSpace(text)
        ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : -1;
}
