using System.Security.Cryptography;
using System.Text;
using Lantern.Silo.Projects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Guard;

/// <summary>Registers the guard vault: its TTL, and its key from <c>LANTERN_ENCRYPTION_KEY</c> (refused when malformed) or the salt.</summary>
public static class GuardServiceCollectionExtensions
{
    public static IServiceCollection AddLanternGuardVault(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GuardOptions>()
            .Configure(o =>
            {
                o.VaultTtl = TimeSpan.FromMinutes(configuration.GetValue("LANTERN_GUARD_VAULT_TTL_MINUTES", o.VaultTtl.TotalMinutes));
                o.EncryptionKey = configuration["LANTERN_ENCRYPTION_KEY"] is { Length: > 0 } key ? key.Trim() : null;
            })
            .Validate(o => o.VaultTtl > TimeSpan.Zero, "LANTERN_GUARD_VAULT_TTL_MINUTES must be positive.")
            .Validate(o => o.EncryptionKey is null || VaultCipher.ParseKey(o.EncryptionKey, out _) is not null,
                "LANTERN_ENCRYPTION_KEY must be 64 hex characters (256 bits). Generate one with: openssl rand -hex 32")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var key = sp.GetRequiredService<IOptions<GuardOptions>>().Value.EncryptionKey;
            // Without a key of its own the vault derives one from the salt: sealed at rest, but one secret guards both.
            return new VaultCipher(key is null
                ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(sp.GetRequiredService<IOptions<SecurityOptions>>().Value.Salt), "lantern-guard-vault"u8)
                : VaultCipher.ParseKey(key, out _)!);
        });
        services.AddSingleton<GuardVault>();
        return services;
    }
}
