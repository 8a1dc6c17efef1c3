using Lantern.Contracts.Traces;
using Lantern.Grains.Rollups;
using Lantern.Grains.Traces;
using Lantern.Silo.Rollups;
using Lantern.Silo.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lantern.Silo.Traces;

/// <summary>Registers trace and rollup grains with their PostgreSQL stores and the group commit.</summary>
public static class TraceServiceCollectionExtensions
{
    private const int DefaultTraceIdleSeconds = 60;

    public static IServiceCollection AddLanternTraces(this IServiceCollection services)
    {
        services.AddOptions<TraceWriteOptions>();
        // A trace takes its events within seconds and is then only read, from PostgreSQL: its grain need not stay as long
        // as a user's (LANTERN_TRACE_IDLE_SECONDS, default 60). A late event reactivates it, and it reads what is stored.
        services.AddOptions<GrainRuntimeOptions>().Configure<IConfiguration>((o, configuration) =>
            o.IdleTimeouts[typeof(ITraceGrain)] = TimeSpan.FromSeconds(
                int.TryParse(configuration["LANTERN_TRACE_IDLE_SECONDS"], out var seconds) ? seconds : DefaultTraceIdleSeconds));
        services.AddSingleton<TraceWriteBatcher>();
        services.AddSingleton<TraceLoadBatcher>();
        services.AddSingleton(_ => new ReleasedTraces());
        services.AddSingleton<ITraceStore, PostgresTraceStore>();
        services.AddSingleton<ObservationTraceLookup>();
        // A single node registered its cache in front of PostgreSQL first.
        services.TryAddSingleton<IRollupStore, PostgresRollupStore>();
        services.AddSingleton<RollupSpendMetrics>();
        services.AddSingleton<RollupGrainDelivery>();
        // A cluster silo registered its broker notifier first; a single node hands changes to its own grains.
        services.TryAddSingleton<IRollupNotifier, GrainRollupNotifier>();
        services.AddSingleton<ISpendAlertSink, SpendAlertSink>();
        services.AddSingleton<AlertWebhook>();
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return new AlertWebhookOptions
            {
                Url = configuration["LANTERN_ALERT_WEBHOOK_URL"] is { Length: > 0 } url ? new Uri(url) : null,
                Secret = configuration["LANTERN_ALERT_WEBHOOK_SECRET"],
            };
        });
        services.AddSingleton(sp => SpendWindowConfiguration.Read(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<UserSpendWatch>();
        services.AddGrain<ITraceGrain, TraceGrain>();
        services.AddGrain<IScoreGrain, ScoreGrain>();
        services.AddGrain<IUserGrain, UserGrain>();
        services.AddGrain<ISessionGrain, SessionGrain>();
        services.AddGrain<IProjectGrain, ProjectGrain>();
        services.AddGrain<IPromptGrain, PromptGrain>();
        return services;
    }
}
