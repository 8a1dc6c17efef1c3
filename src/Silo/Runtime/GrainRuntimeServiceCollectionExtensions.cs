using Lantern.Contracts.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lantern.Silo.Runtime;

/// <summary>Registers the grain runtime and grain classes.</summary>
public static class GrainRuntimeServiceCollectionExtensions
{
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, Action<GrainRuntimeOptions>? configure = null)
    {
        // LANTERN_MAX_ACTIVATIONS bounds the grains in memory, hence the node's memory (docs/benchmarks.md, Memory).
        services.AddOptions<GrainRuntimeOptions>()
            .Configure<IServiceProvider>((o, sp) =>
                o.MaxActivations = int.TryParse(sp.GetService<IConfiguration>()?["LANTERN_MAX_ACTIVATIONS"], out var max) ? max : o.MaxActivations)
            .Configure(o => configure?.Invoke(o))
            .Validate(o => o.MaxActivations > 0 && o.IdleTimeout > TimeSpan.Zero && o.IdleTimeouts.Values.All(t => t > TimeSpan.Zero),
                "MaxActivations and idle timeouts must be positive.")
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddHostedService<GrainRuntimeHostedService>();
        return services;
    }

    public static IServiceCollection AddGrain<TInterface, TGrain>(this IServiceCollection services)
        where TInterface : IGrain
        where TGrain : Grain, TInterface =>
        services.AddSingleton(new GrainRegistration(typeof(TInterface), typeof(TGrain)));
}
