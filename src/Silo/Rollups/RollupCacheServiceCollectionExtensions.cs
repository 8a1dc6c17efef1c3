using Lantern.Grains.Rollups;
using Lantern.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Rollups;

/// <summary>Registers a single node's cache of users' and sessions' rollup rows, with its key filter and the filter's loader.</summary>
public static class RollupCacheServiceCollectionExtensions
{
    public static IServiceCollection AddLanternRollupCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RollupCacheOptions>()
            .Configure(o => o.MaxRows = LenientSettings.WholeNumber(configuration, RollupCacheOptions.MaxRowsKey, o.MaxRows))
            .Validate(o => o.MaxRows >= 0, $"{RollupCacheOptions.MaxRowsKey} must be 0 (off) or a whole number of rows.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RollupCacheOptions>>().Value);
        services.AddSingleton<RollupKeyFilter>();
        services.AddSingleton<RollupRowCache>();
        services.AddSingleton<PostgresRollupStore>();
        services.AddSingleton<IRollupStore>(sp => sp.GetRequiredService<RollupCacheOptions>().MaxRows > 0
            ? new CachingRollupStore(sp.GetRequiredService<RollupRowCache>(), sp.GetRequiredService<PostgresRollupStore>())
            : sp.GetRequiredService<PostgresRollupStore>());
        services.AddHostedService<RollupKeyFilterLoader>();
        return services;
    }
}
