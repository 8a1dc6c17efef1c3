using Lantern.Grains.Prompts;
using Lantern.Silo.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Silo.Prompts;

/// <summary>Registers the prompt registry grain, its PostgreSQL store and the list query.</summary>
public static class PromptServiceCollectionExtensions
{
    public static IServiceCollection AddLanternPrompts(this IServiceCollection services)
    {
        services.AddSingleton<IPromptStore, PostgresPromptStore>();
        services.AddSingleton<PromptListQuery>();
        services.AddGrain<IPromptRegistryGrain, PromptRegistryGrain>();
        return services;
    }
}
