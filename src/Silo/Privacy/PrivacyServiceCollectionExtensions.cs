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
        services.AddSingleton<AuditLog>();
        services.AddSingleton<TracePurger>();
        services.AddSingleton<UserErasure>();
        return services;
    }
}
