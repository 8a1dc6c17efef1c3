using Lantern.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Encryption;

/// <summary>Registers encryption at rest: the keys (a malformed one refuses the start) and the payload cipher.</summary>
public static class EncryptionServiceCollectionExtensions
{
    public static IServiceCollection AddLanternEncryption(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EncryptionOptions>()
            .Configure(o =>
            {
                var read = EncryptionOptions.Read(configuration);
                o.Key = read.Key;
                o.PreviousKeys = read.PreviousKeys;
            })
            .Validate(o => o.Key is null || EncryptionKeyText.Parse(o.Key, EncryptionOptions.KeySetting, out _) is not null,
                $"{EncryptionOptions.KeySetting} must be 64 hex characters (256 bits). Generate one with: openssl rand -hex 32")
            .Validate(o => EncryptionKeyText.ParseList(o.PreviousKeys, EncryptionOptions.PreviousKeysSetting, out _) is not null,
                $"{EncryptionOptions.PreviousKeysSetting} must be comma-separated keys of 64 hex characters (256 bits).")
            .ValidateOnStart();
        services.AddSingleton(sp => new PayloadCipher(sp.GetRequiredService<IOptions<EncryptionOptions>>().Value.PayloadKeys()));
        services.AddSingleton<IStartupTask, PlaintextWarning>();
        return services;
    }
}
