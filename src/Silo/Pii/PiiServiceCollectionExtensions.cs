using System.Security.Cryptography;
using System.Text;
using Lantern.Grains.Pii;
using Lantern.Silo.Changes;
using Lantern.Silo.Projects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Pii;

/// <summary>Registers PII masking: the default policy from <c>LANTERN_PII_MODE</c>, the policy cache and the event masker.</summary>
public static class PiiServiceCollectionExtensions
{
    public static IServiceCollection AddLanternPii(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PiiOptions>()
            .Configure(o => o.DefaultMode = PiiPolicy.ParseMode(configuration["LANTERN_PII_MODE"] is { Length: > 0 } mode ? mode : "off") ?? (PiiMode)(-1))
            .Validate(o => Enum.IsDefined(o.DefaultMode), "LANTERN_PII_MODE must be off, redact or hash.")
            .ValidateOnStart();
        services.AddSingleton<PiiPolicyStore>();
        services.AddSingleton<IChangeSubscriber>(sp => sp.GetRequiredService<PiiPolicyStore>());
        // The hash key derives from the salt, so hashes stay stable across restarts and nodes but differ between installs.
        services.AddSingleton(sp => new PiiMasker(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(sp.GetRequiredService<IOptions<SecurityOptions>>().Value.Salt), "lantern-pii-hash"u8)));
        services.AddSingleton<IEventMasker, EventMasker>();
        return services;
    }
}
