using Lantern.Contracts.Traces;
using Lantern.Grains.Rollups;
using Lantern.Grains.Traces;
using Lantern.Silo.Rollups;
using Lantern.Silo.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Silo.Traces;

/// <summary>Registers trace and rollup grains with their PostgreSQL stores and the group commit.</summary>
public static class TraceServiceCollectionExtensions
{
    public static IServiceCollection AddLanternTraces(this IServiceCollection services)
    {
        services.AddOptions<TraceWriteOptions>();
        services.AddSingleton<TraceWriteBatcher>();
        services.AddSingleton<TraceLoadBatcher>();
        services.AddSingleton<ITraceStore, PostgresTraceStore>();
        services.AddSingleton<ObservationTraceLookup>();
        services.AddSingleton<IRollupStore, PostgresRollupStore>();
        services.AddSingleton<IRollupNotifier, GrainRollupNotifier>();
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
        services.AddGrain<ITraceGrain, TraceGrain>();
        services.AddGrain<IScoreGrain, ScoreGrain>();
        services.AddGrain<IUserGrain, UserGrain>();
        services.AddGrain<ISessionGrain, SessionGrain>();
        services.AddGrain<IProjectGrain, ProjectGrain>();
        services.AddGrain<IPromptGrain, PromptGrain>();
        return services;
    }
}
