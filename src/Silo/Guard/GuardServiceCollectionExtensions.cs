using Lantern.Silo.Encryption;
using Lantern.Silo.Projects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Guard;

/// <summary>Registers the guard vault: its TTL, and its keys (see <see cref="VaultCipher.Create"/>).</summary>
public static class GuardServiceCollectionExtensions
{
    public static IServiceCollection AddLanternGuardVault(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GuardOptions>()
            .Configure(o => o.VaultTtl = TimeSpan.FromMinutes(configuration.GetValue("LANTERN_GUARD_VAULT_TTL_MINUTES", o.VaultTtl.TotalMinutes)))
            .Validate(o => o.VaultTtl > TimeSpan.Zero, "LANTERN_GUARD_VAULT_TTL_MINUTES must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => VaultCipher.Create(
            sp.GetRequiredService<IOptions<EncryptionOptions>>().Value, sp.GetRequiredService<IOptions<SecurityOptions>>().Value.Salt));
        services.AddSingleton<GuardVault>();
        return services;
    }
}
