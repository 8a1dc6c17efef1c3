using Lantern.Grains.Pricing;
using Lantern.Grains.Traces;
using Lantern.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lantern.Silo.Pricing;

/// <summary>Registers the cost engine with the built-in price table and the PostgreSQL-backed project models.</summary>
public static class PricingServiceCollectionExtensions
{
    public static IServiceCollection AddLanternPricing(this IServiceCollection services)
    {
        services.AddSingleton<PostgresModelStore>();
        services.AddSingleton<ProjectModelCache>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<IProjectPricingSource>(sp => sp.GetRequiredService<ProjectModelCache>());
        services.AddSingleton<IObservationPricer, CostEngine>();
        services.AddSingleton<ModelCacheRefresher>();
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<ModelCacheRefresher>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ModelCacheRefresher>());
        return services;
    }
}
