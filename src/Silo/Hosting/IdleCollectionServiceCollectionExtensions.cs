using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Silo.Hosting;

/// <summary>Registers the node's collections between requests (<see cref="IdleCollector"/>).</summary>
public static class IdleCollectionServiceCollectionExtensions
{
    public static IServiceCollection AddLanternIdleCollection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdleCollectionOptions>()
            .Configure(o => o.ThresholdMiB = LenientSettings.WholeNumber(configuration, IdleCollectionOptions.ThresholdKey, o.ThresholdMiB))
            .Validate(o => o.ThresholdMiB >= 0, $"{IdleCollectionOptions.ThresholdKey} must be 0 (off) or a whole number of MiB.")
            .ValidateOnStart();
        services.AddSingleton<IManagedHeap, RuntimeHeap>();
        services.AddSingleton<IdleCollector>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleCollector>());
        return services;
    }
}
